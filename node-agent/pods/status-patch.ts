// The PATCH for pods/status: only the fields the agent owns (it must not
// erase what the scheduler or others set), and only when something differs
// from what the server holds. containerStatuses is an atomic list in
// Kubernetes, so it is sent whole; each state spells out its absent members
// as null, which also keeps a server that merges the list by name correct.
import type { ContainerState, ContainerStatus, PodStatus } from "../../worker/schema/kinds.ts";
import { diffMap, withoutNulls } from "../control-plane/two-way-patch.ts";
import type { Json } from "../control-plane/two-way-patch.ts";

const OWNED = ["phase", "conditions", "message", "reason", "hostIP", "hostIPs", "podIP", "podIPs", "startTime", "initContainerStatuses", "containerStatuses", "qosClass"] as const;
const MERGE_KEYS = { conditions: "type", podIPs: "ip", hostIPs: "ip" };
const STATE_KEYS = ["waiting", "running", "terminated"] as const;

function explicitState(state: ContainerState | undefined): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const key of STATE_KEYS) out[key] = (state?.[key] as Json | undefined) ?? null;
  return out;
}

function explicitStatuses(list: ContainerStatus[]): Json {
  return list.map((s) => ({ ...(s as unknown as Record<string, Json>), state: explicitState(s.state), lastState: explicitState(s.lastState) }));
}

/** The status patch body ({ status: … }), or undefined when the server is up to date. */
export function podStatusPatch(server: PodStatus | undefined, desired: PodStatus): { status: Record<string, Json> } | undefined {
  const current = withoutNulls(server ?? {}) as Record<string, Json>;
  const wanted = withoutNulls(desired) as unknown as Record<string, Json>;
  const ours: Record<string, Json> = {};
  for (const key of OWNED) if (current[key] !== undefined) ours[key] = current[key];
  // Only the condition types the agent sets; others belong to other writers.
  const types = new Set((desired.conditions ?? []).map((c) => c.type));
  if (Array.isArray(ours.conditions)) {
    ours.conditions = ours.conditions.filter((c) => typeof c === "object" && c !== null && !Array.isArray(c) && types.has(String(c.type)));
  }
  const patch = diffMap(ours, wanted, MERGE_KEYS);
  if (!patch) return undefined;
  if (patch.containerStatuses !== undefined && desired.containerStatuses) patch.containerStatuses = explicitStatuses(desired.containerStatuses);
  if (patch.initContainerStatuses !== undefined && desired.initContainerStatuses) patch.initContainerStatuses = explicitStatuses(desired.initContainerStatuses);
  return { status: patch };
}
