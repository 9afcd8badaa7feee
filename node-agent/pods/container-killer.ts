// Stopping one container gracefully: preStop hook, then the stop signal,
// then SIGKILL when the grace period (less the time preStop took, but at
// least 2 s) runs out.
import type { Container, Pod } from "../../worker/schema/kinds.ts";
import type { ContainerDetails } from "../runtime/runtime.ts";
import type { PodWorkerDeps } from "./deps.ts";
import { containerFieldPath } from "./event-sink.ts";
import { runHook } from "./hooks.ts";

export interface KillRequest {
  pod: Pod;
  details: ContainerDetails;
  /** The container's spec, when the pod still has one (for preStop). */
  container?: Container;
  graceSeconds: number;
  podIP: string;
  message: string;
}

export async function killContainer(deps: PodWorkerDeps, req: KillRequest): Promise<void> {
  const { pod, details, container } = req;
  if (details.phase !== "running" && details.phase !== "created") return;
  const fieldPath = containerFieldPath(pod, details.name);
  deps.events.pod(pod, "Normal", "Killing", req.message, fieldPath);
  const deadline = Date.now() + req.graceSeconds * 1000;
  const preStop = container?.lifecycle?.preStop;
  if (preStop && details.phase === "running") {
    const failure = await runHook(preStop, { runtime: deps.runtime, containerId: details.id, container, podIP: req.podIP }, req.graceSeconds * 1000);
    if (failure) deps.events.pod(pod, "Warning", "FailedPreStopHook", `PreStopHook failed: ${failure}`, fieldPath);
  }
  const remaining = Math.max(deadline - Date.now(), deps.timing.minGraceMs);
  await deps.runtime.stopContainer(details.id, remaining);
}
