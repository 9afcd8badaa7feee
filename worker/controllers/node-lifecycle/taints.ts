// The taints the controller derives from a node's conditions (TaintNodesByCondition
// and the NoExecute tainting pass). Other taints on the node are left alone;
// a NoExecute taint keeps its timeAdded while it stays, since toleration
// periods are counted from it.
import type { Node, Taint } from "../../schema/kinds.ts";

export const NOT_READY_TAINT = "node.kubernetes.io/not-ready";
export const UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";
const UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

/** condition type -> condition status -> NoSchedule taint key */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: NOT_READY_TAINT, Unknown: UNREACHABLE_TAINT },
  MemoryPressure: { True: "node.kubernetes.io/memory-pressure" },
  DiskPressure: { True: "node.kubernetes.io/disk-pressure" },
  PIDPressure: { True: "node.kubernetes.io/pid-pressure" },
  NetworkUnavailable: { True: "node.kubernetes.io/network-unavailable" },
};

const MANAGED_NO_SCHEDULE = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), UNSCHEDULABLE_TAINT]);
const MANAGED_NO_EXECUTE = new Set([NOT_READY_TAINT, UNREACHABLE_TAINT]);

function isManaged(t: Taint): boolean {
  return (t.effect === "NoSchedule" && MANAGED_NO_SCHEDULE.has(t.key)) || (t.effect === "NoExecute" && MANAGED_NO_EXECUTE.has(t.key));
}

function desiredTaints(node: Node, now: string): Taint[] {
  const taints: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = Object.hasOwn(CONDITION_TAINTS, c.type) ? CONDITION_TAINTS[c.type][c.status] : undefined;
    if (key) taints.push({ key, effect: "NoSchedule" });
  }
  if (node.spec?.unschedulable) taints.push({ key: UNSCHEDULABLE_TAINT, effect: "NoSchedule" });
  const ready = readyOf(node);
  if (ready === "False") taints.push({ key: NOT_READY_TAINT, effect: "NoExecute", timeAdded: now });
  if (ready === "Unknown") taints.push({ key: UNREACHABLE_TAINT, effect: "NoExecute", timeAdded: now });
  return taints;
}

function readyOf(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === "Ready")?.status;
}

const same = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect;

/** The node's taints with the managed ones brought up to date, or undefined if nothing changes. */
export function reconcileTaints(node: Node, now: string): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const desired = desiredTaints(node, now);
  const kept = current.filter((t) => !isManaged(t) || desired.some((d) => same(d, t)));
  const added = desired.filter((d) => !current.some((t) => same(d, t)));
  if (kept.length === current.length && added.length === 0) return undefined;
  return [...kept, ...added];
}

export function noExecuteTaints(node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect === "NoExecute");
}
