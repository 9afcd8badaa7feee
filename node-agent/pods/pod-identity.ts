// Small accessors for a pod's identity, used wherever a pod meets the runtime.
import type { Pod } from "../../worker/schema/kinds.ts";
import type { PodIdentity } from "../runtime/runtime.ts";

export function podIdentity(pod: Pod): PodIdentity {
  return { uid: pod.metadata.uid ?? "", name: pod.metadata.name ?? "", namespace: pod.metadata.namespace ?? "default" };
}

/** "namespace/name", for logs. */
export function podKey(pod: Pod | PodIdentity): string {
  if ("metadata" in pod) return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name ?? ""}`;
  return `${pod.namespace}/${pod.name}`;
}
