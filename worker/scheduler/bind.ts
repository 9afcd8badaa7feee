// Writing the scheduler's decisions. A binding sets spec.nodeName, which pod
// update validation forbids (Kubernetes only allows it through the
// pods/binding subresource), so, like that subresource, it is committed
// straight to the write path: spec.nodeName plus PodScheduled=True in one
// revision. Unschedulable pods get their condition through the ordinary
// status subresource door (admission included).
import type { KubeObject } from "../apimachinery/object.ts";
import { StatusError } from "../apimachinery/status.ts";
import { timestamp } from "../store/object-metadata.ts";
import type { StoreContext } from "../store/verbs/context.ts";
import { resourceOf } from "../store/verbs/context.ts";
import { commitWrite } from "../store/verbs/write.ts";

export interface PodSchedulingCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  [field: string]: unknown;
}

type PodStatusLike = { conditions?: PodSchedulingCondition[] } & Record<string, unknown>;

/** Conditions with PodScheduled replaced; lastTransitionTime moves only when the status flips. */
export function withPodScheduled(
  conditions: readonly PodSchedulingCondition[] | undefined,
  next: { type: string; status: string; reason?: string; message?: string },
  now: string,
): PodSchedulingCondition[] {
  const list = conditions ?? [];
  const current = list.find((c) => c.type === "PodScheduled");
  const condition: PodSchedulingCondition = {
    ...next,
    lastProbeTime: null,
    lastTransitionTime: current && current.status === next.status && current.lastTransitionTime ? current.lastTransitionTime : now,
  };
  if (!current) return [...list, condition];
  return list.map((c) => (c === current ? condition : c));
}

/** Binds `pod` (the stored object) to `nodeName`; returns the stored result. Callers batch many bindings. */
export function bindPod(ctx: StoreContext, pod: KubeObject, nodeName: string): KubeObject {
  const status = (pod.status ?? {}) as PodStatusLike;
  const object: KubeObject = {
    ...pod,
    metadata: { ...pod.metadata },
    spec: { ...(pod.spec as Record<string, unknown>), nodeName },
    status: {
      ...status,
      conditions: withPodScheduled(status.conditions, { type: "PodScheduled", status: "True" }, timestamp(ctx.now())),
    },
  };
  ctx.writes.commit([{ type: "MODIFIED", resource: "pods", object, previous: pod }]);
  return object;
}

/** Sets PodScheduled=False/Unschedulable with the FailedScheduling message, unless it already says exactly that. */
export function markPodUnschedulable(ctx: StoreContext, pod: KubeObject, message: string): void {
  const status = (pod.status ?? {}) as PodStatusLike;
  const current = status.conditions?.find((c) => c.type === "PodScheduled");
  if (current?.status === "False" && current.reason === "Unschedulable" && current.message === message) return;
  const updated: KubeObject = {
    ...pod,
    metadata: { ...pod.metadata },
    status: {
      ...status,
      conditions: withPodScheduled(
        status.conditions,
        { type: "PodScheduled", status: "False", reason: "Unschedulable", message },
        timestamp(ctx.now()),
      ),
    },
  };
  try {
    commitWrite(ctx, resourceOf("pods"), pod, updated, {}, "status");
  } catch (error) {
    // Admission refused before anything was written; the event still tells the story, and the bindings of this run stand.
    if (!(error instanceof StatusError)) throw error;
    console.error(`scheduler: cannot mark ${pod.metadata.namespace}/${pod.metadata.name} unschedulable: ${error.status.message}`);
  }
}
