// The ReplicaSet controller (kube-controller-manager's replicaset
// controller) as a reconciler run from the cluster object's alarm.
import type { Reconciler } from "../reconciler.ts";
import { scheduleNow } from "../reconciler.ts";
import { decodeOwnerKey } from "./keys.ts";
import { KIND, syncReplicaSet } from "./sync.ts";
import { replicaSetKeysFor } from "./triggers.ts";

export const replicaSetController: Reconciler = {
  kind: KIND,

  observe(change, ctx) {
    for (const key of replicaSetKeysFor(change, ctx)) scheduleNow(ctx, KIND, key);
  },

  reconcile(text, ctx) {
    const { namespace, name, adopt } = decodeOwnerKey(text);
    const rs = ctx.log.read({ resource: "replicasets", namespace, name });
    if (!rs) return;
    // One transaction per sync: its pods, events and status land together.
    ctx.writes.batch(() => syncReplicaSet(ctx, rs, adopt));
  },
};
