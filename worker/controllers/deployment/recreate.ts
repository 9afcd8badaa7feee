// The Recreate strategy (rolloutRecreate): scale every old ReplicaSet to 0,
// wait until none of their pods is left running, then create and scale up the
// new ReplicaSet. Never both at once.
import type { KubeObject } from "../../apimachinery/object.ts";
import { rsStatus } from "../replicaset/types.ts";
import { cleanupDeployment } from "./cleanup.ts";
import { syncRevision } from "./new-replica-set.ts";
import type { DeploymentRun } from "./run.ts";
import { scaleReplicaSetTo } from "./scale-replica-set.ts";
import { deploymentComplete, syncRolloutStatus } from "./status.ts";
import { activeReplicaSets, desiredReplicas } from "./types.ts";

/** Bounds the ownerReferences lookup for one old ReplicaSet's pods. */
const MAX_PODS = 100_000;

export function rolloutRecreate(run: DeploymentRun): void {
  // Not created yet: scaling up before the old pods are gone is what Recreate avoids.
  let { newRS, oldRSs } = syncRevision(run, false);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) scaledDown = scaleReplicaSetTo(run, rs, 0).scaled || scaledDown;
  if (scaledDown || oldPodsRunning(run, oldRSs)) return syncRolloutStatus(run);
  if (!newRS) ({ newRS, oldRSs } = syncRevision(run, true));
  if (newRS) scaleReplicaSetTo(run, newRS, desiredReplicas(run.d));
  if (deploymentComplete(run.d, run.status)) cleanupDeployment(run);
  syncRolloutStatus(run);
}

/** Any old pod that exists and has not finished, terminating ones included. */
function oldPodsRunning(run: DeploymentRun, oldRSs: readonly KubeObject[]): boolean {
  const current = oldRSs.map((rs) => run.replicaSets.find((r) => r.metadata.uid === rs.metadata.uid) ?? rs);
  if (current.some((rs) => (rsStatus(rs).replicas ?? 0) > 0)) return true;
  for (const rs of current) {
    for (const pod of run.ctx.log.dependentObjects(rs.metadata.uid ?? "", "pods", MAX_PODS)) {
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      if (phase !== "Succeeded" && phase !== "Failed") return true;
    }
  }
  return false;
}
