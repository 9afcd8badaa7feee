// restartPolicy decisions and the messages kubelet attaches to them.
import type { Pod } from "../../worker/schema/kinds.ts";

export function shouldRestart(pod: Pod, exitCode: number | undefined): boolean {
  const policy = pod.spec?.restartPolicy ?? "Always";
  if (policy === "Always") return true;
  if (policy === "Never") return false;
  return exitCode !== 0;
}

/** Go's time.Duration formatting, which kubelet's back-off messages use: 10s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

export function crashLoopMessage(pod: Pod, container: string, delayMs: number): string {
  const m = pod.metadata;
  return `back-off ${goDuration(delayMs)} restarting failed container=${container} pod=${m.name}_${m.namespace}(${m.uid})`;
}
