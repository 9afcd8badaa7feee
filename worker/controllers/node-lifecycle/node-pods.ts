// What an unhealthy or NoExecute-tainted node means for the pods bound to it:
// they are marked not ready, evicted when their tolerations run out, and,
// once terminating on a node that cannot confirm it, force-deleted after
// their grace period so their owners replace them elsewhere.
import type { KubeObject } from "../../apimachinery/object.ts";
import type { Node, Pod } from "../../schema/kinds.ts";
import type { ControllerContext } from "../reconciler.ts";
import { readyStatus } from "./conditions.ts";
import { evictionTime } from "./eviction.ts";
import { evict, forceDelete, markNotReady } from "./pod-actions.ts";
import { POD_BATCH } from "./settings.ts";
import { noExecuteTaints } from "./taints.ts";

export interface PodPass {
  /** The batch ran out before every pod was handled. */
  more: boolean;
  /** The earliest future moment a pod needs attention (an eviction or a force deletion). */
  nextAt: number | undefined;
}

function deletionTime(pod: KubeObject): number | undefined {
  const text = pod.metadata.deletionTimestamp;
  return text ? Date.parse(text) : undefined;
}

export function handlePodsOnNode(ctx: ControllerContext, node: Node, nowMs: number): PodPass {
  const ready = readyStatus(node) === "True";
  const taints = noExecuteTaints(node);
  const pass: PodPass = { more: false, nextAt: undefined };
  if (ready && taints.length === 0) return pass;
  const later = (at: number): void => {
    pass.nextAt = pass.nextAt === undefined ? at : Math.min(pass.nextAt, at);
  };
  let budget = POD_BATCH;
  for (const original of ctx.log.podsOnNode(node.metadata.name ?? "")) {
    if (budget <= 0) {
      pass.more = true;
      return pass;
    }
    ctx.writes.batch(() => {
      let pod = original;
      if (!ready) {
        pod = markNotReady(ctx, pod);
        if (pod !== original) budget--;
      }
      let deletion = deletionTime(pod);
      if (deletion === undefined) {
        const at = evictionTime(pod as unknown as Pod, taints, nowMs);
        if (at === undefined) return;
        if (at > nowMs) return later(at);
        budget--;
        const result = evict(ctx, pod);
        if (result.removed) return;
        deletion = deletionTime(result.object);
      }
      // A node that is up confirms the deletion itself; only a silent or failing one needs help.
      if (ready || deletion === undefined) return;
      if (deletion > nowMs) return later(deletion);
      budget--;
      forceDelete(ctx, pod);
    });
  }
  return pass;
}
