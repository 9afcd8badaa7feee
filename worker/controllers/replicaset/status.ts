// ReplicaSet status from its active pods (calculateStatus), written through
// the status subresource only when it changed.
import type { KubeObject } from "../../apimachinery/object.ts";
import { semanticallyEqual } from "../../patch/index.ts";
import { labelSelectorFromObject, matchesLabels } from "../../apimachinery/selectors.ts";
import { timestamp } from "../../store/object-metadata.ts";
import { resourceOf } from "../../store/verbs/context.ts";
import { commitWrite } from "../../store/verbs/write.ts";
import type { ControllerContext } from "../reconciler.ts";
import { availableFrom, isPodReady } from "./pod-state.ts";
import type { Condition, ReplicaSetStatus } from "./types.ts";
import { rsSpec, rsStatus } from "./types.ts";

export interface ComputedStatus {
  status: ReplicaSetStatus;
  /** When a ready pod will next become available (minReadySeconds), if any will. */
  nextAvailableAt?: number;
}

export function computeStatus(rs: KubeObject, active: KubeObject[], failure: string | undefined, now: Date): ComputedStatus {
  const spec = rsSpec(rs);
  const minReady = spec.minReadySeconds ?? 0;
  // Every template label present with the same value: labels.SelectorFromSet(template labels).
  const templateLabels = labelSelectorFromObject({ matchLabels: spec.template?.metadata?.labels ?? {} });
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  let nextAvailableAt: number | undefined;
  for (const pod of active) {
    if (matchesLabels(templateLabels, pod.metadata.labels)) fullyLabeled++;
    if (!isPodReady(pod)) continue;
    ready++;
    const from = availableFrom(pod, minReady) ?? Number.POSITIVE_INFINITY;
    if (from <= now.getTime()) available++;
    else nextAvailableAt = Math.min(nextAvailableAt ?? from, from);
  }
  const status: ReplicaSetStatus = {
    replicas: active.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation ?? 0,
  };
  const conditions = withReplicaFailure(rsStatus(rs).conditions ?? [], failure, now);
  if (conditions.length > 0) status.conditions = conditions;
  return { status, nextAvailableAt };
}

/** Sets or clears ReplicaFailure (reason FailedCreate), keeping any other conditions. */
function withReplicaFailure(conditions: Condition[], failure: string | undefined, now: Date): Condition[] {
  const others = conditions.filter((c) => c.type !== "ReplicaFailure");
  if (failure === undefined) return others;
  const existing = conditions.find((c) => c.type === "ReplicaFailure");
  if (existing?.status === "True" && existing.message === failure) return conditions;
  return [
    ...others,
    { type: "ReplicaFailure", status: "True", lastTransitionTime: timestamp(now), reason: "FailedCreate", message: failure },
  ];
}

/** Writes `status` unless the stored one already says the same. */
export function writeStatus(ctx: ControllerContext, rs: KubeObject, status: ReplicaSetStatus): KubeObject {
  if (sameStatus(rsStatus(rs), status)) return rs;
  return commitWrite(ctx, resourceOf("replicasets"), rs, { ...rs, status }, {}, "status").object;
}

/** Absent counts are zero, and key order is whatever admission stored. */
function sameStatus(a: ReplicaSetStatus, b: ReplicaSetStatus): boolean {
  const counts = (s: ReplicaSetStatus) =>
    [s.replicas, s.fullyLabeledReplicas, s.readyReplicas, s.availableReplicas, s.observedGeneration].map((n) => n ?? 0);
  return semanticallyEqual(counts(a), counts(b)) && semanticallyEqual(a.conditions, b.conditions);
}
