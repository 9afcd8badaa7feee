// A silent node's conditions become Unknown (tryUpdateNodeHealth): the
// controller cannot know the truth, so it stops vouching for any of it.
import type { Node, NodeCondition } from "../../schema/kinds.ts";

/** The conditions the kubelet owns and the controller overrides when the kubelet goes silent. */
const KUBELET_CONDITIONS = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

export function readyStatus(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === "Ready")?.status;
}

/** The node's conditions with the kubelet's set to Unknown, or undefined if they already are. */
export function unknownConditions(node: Node, now: string): NodeCondition[] | undefined {
  const conditions = node.status?.conditions ?? [];
  let changed = false;
  const result = conditions.map((c) => {
    if (!KUBELET_CONDITIONS.includes(c.type) || c.status === "Unknown") return c;
    changed = true;
    return { ...c, status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastTransitionTime: now };
  });
  for (const type of KUBELET_CONDITIONS) {
    if (conditions.some((c) => c.type === type)) continue;
    changed = true;
    result.push({
      type,
      status: "Unknown",
      reason: "NodeStatusNeverUpdated",
      message: "Kubelet never posted node status.",
      lastHeartbeatTime: node.metadata.creationTimestamp,
      lastTransitionTime: now,
    });
  }
  return changed ? result : undefined;
}
