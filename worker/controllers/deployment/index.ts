// The Deployment controller (kube-controller-manager's deployment
// controller) as a reconciler run from the cluster object's alarm.
import type { Reconciler } from "../reconciler.ts";
import { scheduleNow } from "../reconciler.ts";
import { KIND, decodeDeploymentKey } from "./keys.ts";
import { syncDeployment } from "./sync.ts";
import { deploymentKeysFor } from "./triggers.ts";

export const deploymentController: Reconciler = {
  kind: KIND,

  observe(change, ctx) {
    for (const key of deploymentKeysFor(change, ctx)) scheduleNow(ctx, KIND, key);
  },

  reconcile(text, ctx) {
    const { namespace, name } = decodeDeploymentKey(text);
    const d = ctx.log.read({ resource: "deployments", namespace, name });
    if (!d) return;
    // One transaction per sync: ReplicaSets, events, revision and status land together.
    ctx.writes.batch(() => syncDeployment(ctx, d));
  },
};
