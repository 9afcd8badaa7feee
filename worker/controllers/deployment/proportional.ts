// DeploymentController.scale: a change of spec.replicas outside a rollout
// step (a scaling event, or any change while paused). With one active
// ReplicaSet it takes the new size; mid-rollout, the pods to add or remove
// are spread over the active ReplicaSets in proportion to their size.
import type { KubeObject } from "../../apimachinery/object.ts";
import { rsStatus } from "../replicaset/types.ts";
import { DESIRED_REPLICAS, MAX_REPLICAS, annotatedReplicas } from "./annotations.ts";
import { maxSurge } from "./fenceposts.ts";
import { byCreation } from "./replica-sets.ts";
import type { DeploymentRun } from "./run.ts";
import { scaleReplicaSet, scaleReplicaSetTo } from "./scale-replica-set.ts";
import { activeReplicaSets, deploymentStatus, desiredReplicas, isRollingUpdate, rsReplicas, sumSpecReplicas } from "./types.ts";

export function scaleDeployment(run: DeploymentRun, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const { d } = run;
  const desired = desiredReplicas(d);
  const target = activeOrLatest(newRS, oldRSs);
  if (target) {
    scaleReplicaSetTo(run, target, desired);
    return;
  }
  if (newRS && isSaturated(d, newRS)) {
    for (const rs of activeReplicaSets(oldRSs)) scaleReplicaSetTo(run, rs, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const active = activeReplicaSets(newRS ? [...oldRSs, newRS] : oldRSs);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - sumSpecReplicas(active);
  // Largest first; among equals, newer ones grow first and older ones shrink first.
  active.sort((a, b) => rsReplicas(b) - rsReplicas(a) || (toAdd > 0 ? byCreation(b, a) : byCreation(a, b)));
  const sizes = new Map<KubeObject, number>();
  let added = 0;
  for (const rs of active) {
    const share = toAdd === 0 ? 0 : proportion(rs, d, toAdd, added);
    sizes.set(rs, rsReplicas(rs) + share);
    added += share;
  }
  const operation = toAdd > 0 ? "up" : toAdd < 0 ? "down" : "";
  active.forEach((rs, i) => {
    let size = sizes.get(rs) ?? rsReplicas(rs);
    // Rounding leftovers go to the largest ReplicaSet.
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(run, rs, size, operation);
  });
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active. */
function activeOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets(newRS ? [...newestFirst, newRS] : newestFirst);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** IsSaturated: the new ReplicaSet has all its pods, all available, for the current size. */
function isSaturated(d: KubeObject, rs: KubeObject): boolean {
  const desired = desiredReplicas(d);
  return (
    annotatedReplicas(rs, DESIRED_REPLICAS) === desired &&
    rsReplicas(rs) === desired &&
    (rsStatus(rs).availableReplicas ?? 0) === desired
  );
}

/** GetReplicaSetProportion: this ReplicaSet's share of `toAdd`, never beyond what is left. */
function proportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** getReplicaSetFraction: scale by the ratio of the new allowed size to the one it was sized for. */
function replicaSetFraction(rs: KubeObject, d: KubeObject): number {
  const size = rsReplicas(rs);
  if (desiredReplicas(d) === 0) return -size;
  const allowed = desiredReplicas(d) + maxSurge(d);
  const sizedFor = annotatedReplicas(rs, MAX_REPLICAS) ?? deploymentStatus(d).replicas ?? 0;
  if (sizedFor === 0) return 0;
  return roundHalfAwayFromZero((size * allowed) / sizedFor) - size;
}

function roundHalfAwayFromZero(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}
