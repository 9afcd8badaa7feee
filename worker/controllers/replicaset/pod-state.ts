// Pod predicates shared by the ReplicaSet and Deployment controllers, as in
// Kubernetes' controller_utils and podutil.
import type { KubeObject } from "../../apimachinery/object.ts";
import { podView } from "./types.ts";

/** Not finished and not being deleted: the pods a ReplicaSet counts (FilterActivePods). */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podView(pod).phase;
  return phase !== "Succeeded" && phase !== "Failed" && pod.metadata.deletionTimestamp === undefined;
}

export function isPodReady(pod: KubeObject): boolean {
  return podView(pod).conditions.some((c) => c.type === "Ready" && c.status === "True");
}

/** When the pod last became Ready, in ms since the epoch; undefined when not ready. */
export function readySince(pod: KubeObject): number | undefined {
  const ready = podView(pod).conditions.find((c) => c.type === "Ready" && c.status === "True");
  if (!ready) return undefined;
  const at = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : NaN;
  return Number.isNaN(at) ? 0 : at;
}

/**
 * The time at which a ready pod counts as available (podutil.IsPodAvailable:
 * ready, and its Ready transition strictly older than minReadySeconds), or
 * undefined for a pod that is not ready.
 */
export function availableFrom(pod: KubeObject, minReadySeconds: number): number | undefined {
  const since = readySince(pod);
  if (since === undefined) return undefined;
  if (minReadySeconds <= 0) return 0;
  // Kubernetes compares with Before(now): available only once strictly past the boundary.
  return since + minReadySeconds * 1000 + 1;
}

export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const from = availableFrom(pod, minReadySeconds);
  return from !== undefined && from <= now;
}
