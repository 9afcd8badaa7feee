// Brings one Node's conditions and taints up to date: Unknown once its
// heartbeat has lapsed, and the taints those conditions imply.
import type { KubeObject } from "../../apimachinery/object.ts";
import type { Node } from "../../schema/kinds.ts";
import { timestamp } from "../../store/object-metadata.ts";
import { resourceOf } from "../../store/verbs/context.ts";
import { commitWrite } from "../../store/verbs/write.ts";
import { recordEvent } from "../event-recorder.ts";
import type { ControllerContext } from "../reconciler.ts";
import { unknownConditions } from "./conditions.ts";
import { COMPONENT } from "./settings.ts";
import { NOT_READY_TAINT, UNREACHABLE_TAINT, reconcileTaints } from "./taints.ts";

function notReadyTainted(node: KubeObject): boolean {
  return ((node as unknown as Node).spec?.taints ?? []).some(
    (t) => t.effect === "NoExecute" && (t.key === NOT_READY_TAINT || t.key === UNREACHABLE_TAINT),
  );
}

/** Returns the node as stored afterwards. */
export function updateNodeHealth(ctx: ControllerContext, stored: KubeObject, expired: boolean): KubeObject {
  const nodes = resourceOf("nodes");
  const now = timestamp(ctx.now());
  return ctx.writes.batch(() => {
    let current = stored;
    const conditions = expired ? unknownConditions(current as unknown as Node, now) : undefined;
    if (conditions) {
      const candidate = structuredClone(current) as unknown as Node;
      (candidate.status ??= {}).conditions = conditions;
      current = commitWrite(ctx, nodes, current, candidate as unknown as KubeObject, {}, "status").object;
    }
    const taints = reconcileTaints(current as unknown as Node, now);
    if (taints) {
      const candidate = structuredClone(current) as unknown as Node;
      const spec = (candidate.spec ??= {});
      if (taints.length) spec.taints = taints;
      else delete spec.taints;
      current = commitWrite(ctx, nodes, current, candidate as unknown as KubeObject, {}).object;
    }
    // The NoExecute taint doubles as the memory of the transition, so the Event is recorded once.
    if (!notReadyTainted(stored) && notReadyTainted(current)) {
      const name = current.metadata.name ?? "";
      recordEvent(ctx, current, "Normal", "NodeNotReady", `Node ${name} status is now: NodeNotReady`, COMPONENT);
    }
    return current;
  });
}
