// The writes the controller makes to pods on an unhealthy node, each through
// the store's verbs and each idempotent, so a retried alarm repeats nothing.
import type { KubeObject } from "../../apimachinery/object.ts";
import type { Pod, PodCondition } from "../../schema/kinds.ts";
import { timestamp } from "../../store/object-metadata.ts";
import { resourceOf } from "../../store/verbs/context.ts";
import { deleteObject } from "../../store/verbs/delete.ts";
import type { DeleteResult } from "../../store/verbs/delete.ts";
import { commitWrite } from "../../store/verbs/write.ts";
import type { ControllerContext } from "../reconciler.ts";
import { recordEvent } from "../event-recorder.ts";
import { COMPONENT, EVICTION_COMPONENT } from "./settings.ts";

function withCondition(pod: KubeObject, condition: PodCondition): KubeObject {
  const updated = structuredClone(pod);
  const status = ((updated as unknown as Pod).status ??= {});
  const conditions = (status.conditions ??= []);
  const index = conditions.findIndex((c) => c.type === condition.type);
  if (index >= 0) conditions[index] = condition;
  else conditions.push(condition);
  return updated;
}

/** MarkPodsNotReady: the node cannot vouch for its pods, so Services stop sending them traffic. */
export function markNotReady(ctx: ControllerContext, pod: KubeObject): KubeObject {
  const ready = (pod as unknown as Pod).status?.conditions?.find((c) => c.type === "Ready");
  if (!ready || ready.status === "False") return pod;
  const condition: PodCondition = { ...ready, status: "False", lastTransitionTime: timestamp(ctx.now()) };
  const { object } = commitWrite(ctx, resourceOf("pods"), pod, withCondition(pod, condition), {}, "status");
  recordEvent(ctx, object, "Warning", "NodeNotReady", "Node is not ready", COMPONENT);
  return object;
}

/** Graceful deletion, with the DisruptionTarget condition that tells owners and users why. */
export function evict(ctx: ControllerContext, pod: KubeObject): DeleteResult {
  const condition: PodCondition = {
    type: "DisruptionTarget",
    status: "True",
    reason: "DeletionByTaintManager",
    message: "Taint manager: deleting due to NoExecute taint",
    lastTransitionTime: timestamp(ctx.now()),
  };
  const { object } = commitWrite(ctx, resourceOf("pods"), pod, withCondition(pod, condition), {}, "status");
  const { namespace = "", name = "" } = object.metadata;
  recordEvent(ctx, object, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${namespace}/${name}`, EVICTION_COMPONENT);
  return deleteObject(ctx, "pods", namespace, name, {});
}

/**
 * Pod GC's force deletion: a terminating pod on a node that cannot confirm
 * its containers stopped would otherwise stay Terminating for ever.
 */
export function forceDelete(ctx: ControllerContext, pod: KubeObject): void {
  deleteObject(ctx, "pods", pod.metadata.namespace, pod.metadata.name ?? "", { gracePeriodSeconds: 0 });
}
