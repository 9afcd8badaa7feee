// ReplicaSetController.manageReplicas: create or delete pods until the
// active ones number spec.replicas.
//
// Kubernetes creates in slow-start batches (1, 2, 4, … up to 500) so that a
// failing create (quota, admission) costs one call rather than hundreds, and
// keeps "expectations" so it does not act again before its informer has seen
// its own writes. Neither is needed here: every write is synchronous inside
// the Durable Object, a failed create throws before anything is written, and
// the next sync reads exactly what this one wrote. What remains is a burst
// limit, so one alarm run stays short and requests are not starved.
import type { KubeObject } from "../../apimachinery/object.ts";
import { StatusError } from "../../apimachinery/status.ts";
import { deleteObject } from "../../store/verbs/delete.ts";
import { createObject } from "../../store/verbs/write.ts";
import type { ControllerContext } from "../reconciler.ts";
import { recordEvent } from "../event-recorder.ts";
import { compareForDeletion } from "./active-pods.ts";
import { podFromTemplate } from "./pod-template.ts";
import { specReplicas } from "./types.ts";

const COMPONENT = "replicaset-controller";
/** Pods created or deleted per ReplicaSet per run; the rest follow in the next run. */
export const BURST = 100;

export interface ManageResult {
  /** The active pods after this run's creations and deletions. */
  active: KubeObject[];
  /** More work remains (burst limit reached). */
  more: boolean;
  /** The first create failure, reported as the ReplicaFailure condition. */
  failure?: string;
}

export function manageReplicas(ctx: ControllerContext, rs: KubeObject, active: KubeObject[]): ManageResult {
  const diff = active.length - specReplicas(rs);
  if (diff < 0) return createPods(ctx, rs, active, Math.min(-diff, BURST), -diff > BURST);
  if (diff > 0) return deletePods(ctx, rs, active, Math.min(diff, BURST), diff > BURST);
  return { active, more: false };
}

function createPods(ctx: ControllerContext, rs: KubeObject, active: KubeObject[], count: number, more: boolean): ManageResult {
  const result = [...active];
  for (let i = 0; i < count; i++) {
    try {
      const { object } = createObject(ctx, "pods", rs.metadata.namespace, podFromTemplate(rs), {});
      result.push(object);
      recordEvent(ctx, rs, "Normal", "SuccessfulCreate", `Created pod: ${object.metadata.name}`, COMPONENT);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
      // The rest would fail the same way; stop, as slow start would, and say why.
      const message = error.status.message ?? "pod creation failed";
      recordEvent(ctx, rs, "Warning", "FailedCreate", `Error creating: ${message}`, COMPONENT);
      return { active: result, more: true, failure: message };
    }
  }
  return { active: result, more };
}

function deletePods(ctx: ControllerContext, rs: KubeObject, active: KubeObject[], count: number, more: boolean): ManageResult {
  const victims = [...active].sort(compareForDeletion).slice(0, count);
  const gone = new Set<string>();
  for (const pod of victims) {
    const name = pod.metadata.name ?? "";
    try {
      deleteObject(ctx, "pods", pod.metadata.namespace, name, {});
      gone.add(name);
      recordEvent(ctx, rs, "Normal", "SuccessfulDelete", `Deleted pod: ${name}`, COMPONENT);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
      recordEvent(ctx, rs, "Warning", "FailedDelete", `Error deleting: ${error.status.message ?? "pod deletion failed"}`, COMPONENT);
      more = true;
    }
  }
  return { active: active.filter((pod) => !gone.has(pod.metadata.name ?? "")), more };
}
