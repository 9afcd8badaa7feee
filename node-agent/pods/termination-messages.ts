// Termination messages: the file a container wrote at its
// terminationMessagePath, or with FallbackToLogsOnError the tail of its log
// when it failed without writing one. Read once per exited instance.
import type { Pod } from "../../worker/schema/kinds.ts";
import type { ContainerRuntime } from "../runtime/runtime.ts";
import type { PodVolumes } from "../volumes/pod-volumes.ts";
import type { PodObservation } from "./observation.ts";
import { specOf } from "./sync-context.ts";

const FALLBACK_LINES = 80;
const FALLBACK_BYTES = 2048;

async function logTail(runtime: ContainerRuntime, id: string): Promise<string> {
  const stream = await runtime.logs(id, { follow: false, timestamps: false, tailLines: FALLBACK_LINES });
  const chunks: Buffer[] = [];
  for await (const chunk of stream.chunks) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  return text.slice(-FALLBACK_BYTES);
}

export async function collectMessages(runtime: ContainerRuntime, volumes: PodVolumes, pod: Pod, obs: PodObservation, messages: Map<string, string>): Promise<void> {
  const present = new Set<string>();
  for (const [name, instances] of obs.containers) {
    for (const instance of instances.slice(0, 2)) {
      present.add(instance.id);
      if (instance.phase !== "exited" || messages.has(instance.id)) continue;
      let message = await volumes.readTerminationLog(name, instance.attempt);
      const spec = specOf(pod, name);
      if (!message && instance.exitCode !== 0 && spec?.terminationMessagePolicy === "FallbackToLogsOnError") {
        message = await logTail(runtime, instance.id).catch(() => "");
      }
      messages.set(instance.id, message);
    }
  }
  for (const id of messages.keys()) if (!present.has(id)) messages.delete(id);
}
