// Where pod workers report what they did (Pulled, Created, Started, Killing,
// BackOff, Unhealthy…). The agent posts these as Kubernetes Events; tests
// collect them in memory.
import type { Pod } from "../../worker/schema/kinds.ts";

export type EventType = "Normal" | "Warning";

export interface EventSink {
  /** `fieldPath` names a container, as kubelet's `spec.containers{name}`. */
  pod(pod: Pod, type: EventType, reason: string, message: string, fieldPath?: string): void;
}

export const discardEvents: EventSink = { pod() {} };

export function containerFieldPath(pod: Pod, name: string): string {
  const init = pod.spec?.initContainers?.some((c) => c.name === name);
  return `spec.${init ? "initContainers" : "containers"}{${name}}`;
}
