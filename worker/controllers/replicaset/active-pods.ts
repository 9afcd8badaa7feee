// Which pods a ReplicaSet gives up first when scaling down: Kubernetes'
// controller.ActivePods ordering, cheapest-to-lose first.
import type { KubeObject } from "../../apimachinery/object.ts";
import { isPodReady, readySince } from "./pod-state.ts";
import { podView } from "./types.ts";

const PHASE_RANK: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function created(pod: KubeObject): number {
  const at = pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : NaN;
  return Number.isNaN(at) ? Number.POSITIVE_INFINITY : at;
}

/**
 * Negative when `a` should be deleted before `b`: unscheduled before
 * scheduled, Pending before Unknown before Running, not ready before ready,
 * ready for less time before ready for longer, more restarts before fewer,
 * newer before older.
 */
export function compareForDeletion(a: KubeObject, b: KubeObject): number {
  const va = podView(a);
  const vb = podView(b);
  const assignedA = va.nodeName ? 1 : 0;
  const assignedB = vb.nodeName ? 1 : 0;
  if (assignedA !== assignedB) return assignedA - assignedB;
  const phaseA = PHASE_RANK[va.phase ?? "Pending"] ?? 0;
  const phaseB = PHASE_RANK[vb.phase ?? "Pending"] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(a) ? 1 : 0;
  const readyB = isPodReady(b) ? 1 : 0;
  if (readyA !== readyB) return readyA - readyB;
  if (readyA === 1) {
    const sinceA = readySince(a) ?? 0;
    const sinceB = readySince(b) ?? 0;
    if (sinceA !== sinceB) return sinceB - sinceA;
  }
  if (va.restarts !== vb.restarts) return vb.restarts - va.restarts;
  const createdA = created(a);
  const createdB = created(b);
  if (createdA !== createdB) return createdB - createdA;
  return 0;
}
