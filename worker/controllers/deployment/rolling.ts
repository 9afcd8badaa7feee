// The RollingUpdate strategy (rolloutRolling): grow the new ReplicaSet while
// the total stays within replicas + maxSurge, shrink old ones while at least
// replicas - maxUnavailable pods stay available.
import type { KubeObject } from "../../apimachinery/object.ts";
import { cleanupDeployment } from "./cleanup.ts";
import { maxUnavailable } from "./fenceposts.ts";
import { syncRevision } from "./new-replica-set.ts";
import { byCreation, splitReplicaSets } from "./replica-sets.ts";
import { newReplicaSetReplicas } from "./rolling-math.ts";
import type { DeploymentRun } from "./run.ts";
import { scaleReplicaSetTo } from "./scale-replica-set.ts";
import { deploymentComplete, syncRolloutStatus } from "./status.ts";
import { activeReplicaSets, desiredReplicas, rsAvailable, rsReplicas, sumAvailable, sumSpecReplicas } from "./types.ts";

export function rolloutRolling(run: DeploymentRun): void {
  const { newRS } = syncRevision(run, true);
  if (newRS && reconcileNewReplicaSet(run, newRS)) return syncRolloutStatus(run);
  if (newRS && reconcileOldReplicaSets(run)) return syncRolloutStatus(run);
  if (deploymentComplete(run.d, run.status)) cleanupDeployment(run);
  syncRolloutStatus(run);
}

function reconcileNewReplicaSet(run: DeploymentRun, newRS: KubeObject): boolean {
  const desired = desiredReplicas(run.d);
  const size = rsReplicas(newRS);
  if (size === desired) return false;
  if (size > desired) return scaleReplicaSetTo(run, newRS, desired).scaled;
  return scaleReplicaSetTo(run, newRS, newReplicaSetReplicas(run.d, run.replicaSets, newRS)).scaled;
}

function reconcileOldReplicaSets(run: DeploymentRun): boolean {
  const { newRS, oldRSs } = splitReplicaSets(run.d, run.replicaSets);
  if (!newRS || sumSpecReplicas(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(run.d) - maxUnavailable(run.d);
  const newUnavailable = rsReplicas(newRS) - rsAvailable(newRS);
  // Spec sizes, not status: a scale-down just written counts at once, even before its pods go.
  const maxScaledDown = sumSpecReplicas(run.replicaSets) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(run, activeReplicaSets(oldRSs), maxScaledDown);
  const scaledDown = scaleDownOldReplicaSets(run);
  return cleaned + scaledDown > 0;
}

/** Old ReplicaSets' unavailable pods go first: they cost no availability. */
function cleanupUnhealthyReplicas(run: DeploymentRun, oldRSs: KubeObject[], maxCleanup: number): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const size = rsReplicas(rs);
    const unhealthy = size - rsAvailable(rs);
    if (size === 0 || unhealthy <= 0) continue;
    const count = Math.min(maxCleanup - total, unhealthy);
    scaleReplicaSetTo(run, rs, size - count);
    total += count;
  }
  return total;
}

/** Then available old pods, oldest ReplicaSet first, down to minAvailable. */
function scaleDownOldReplicaSets(run: DeploymentRun): number {
  const minAvailable = desiredReplicas(run.d) - maxUnavailable(run.d);
  const available = sumAvailable(run.replicaSets);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  const { oldRSs } = splitReplicaSets(run.d, run.replicaSets);
  for (const rs of activeReplicaSets(oldRSs)) {
    if (total >= budget) break;
    const size = rsReplicas(rs);
    const count = Math.min(size, budget - total);
    scaleReplicaSetTo(run, rs, size - count);
    total += count;
  }
  return total;
}
