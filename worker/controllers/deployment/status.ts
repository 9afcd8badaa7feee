// Deployment status: counts summed over its ReplicaSets (calculateStatus),
// the Available condition, and the Progressing condition with its deadline
// (syncRolloutStatus). `kubectl rollout status` reads exactly these.
import type { KubeObject } from "../../apimachinery/object.ts";
import { rsStatus } from "../replicaset/types.ts";
import { scheduleNow } from "../reconciler.ts";
import {
  AVAILABLE,
  PROGRESSING,
  REASONS,
  REPLICA_FAILURE,
  getCondition,
  newCondition,
  removeCondition,
  setCondition,
} from "./conditions.ts";
import { maxUnavailable } from "./fenceposts.ts";
import { KIND, encodeDeploymentKey } from "./keys.ts";
import { splitReplicaSets } from "./replica-sets.ts";
import type { DeploymentRun } from "./run.ts";
import type { DeploymentStatus } from "./types.ts";
import { desiredReplicas, progressDeadline, sumAvailable, sumReady, sumSpecReplicas, sumStatusReplicas } from "./types.ts";

export function calculateStatus(run: DeploymentRun): DeploymentStatus {
  const { d, replicaSets } = run;
  const { newRS } = splitReplicaSets(d, replicaSets);
  const available = sumAvailable(replicaSets);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: sumStatusReplicas(replicaSets),
    updatedReplicas: newRS ? (rsStatus(newRS).replicas ?? 0) : 0,
    readyReplicas: sumReady(replicaSets),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpecReplicas(replicaSets) - available),
  };
  if (run.status.conditions) status.conditions = structuredClone(run.status.conditions);
  if (run.status.collisionCount !== undefined) status.collisionCount = run.status.collisionCount;
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, "True", REASONS.minimumAvailable, "Deployment has minimum availability.", run.now()));
  } else {
    setCondition(status, newCondition(AVAILABLE, "False", REASONS.minimumUnavailable, "Deployment does not have minimum availability.", run.now()));
  }
  return status;
}

/** syncDeploymentStatus: counts and availability only (paused, scaling, deleting). */
export function syncDeploymentStatus(run: DeploymentRun): void {
  run.status = calculateStatus(run);
}

/** DeploymentComplete: every replica updated, none old, all available, and this generation seen. */
export function deploymentComplete(d: KubeObject, status: DeploymentStatus): boolean {
  const desired = desiredReplicas(d);
  return (
    (status.updatedReplicas ?? 0) === desired &&
    (status.replicas ?? 0) === desired &&
    (status.availableReplicas ?? 0) === desired &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than before. */
function deploymentProgressing(before: DeploymentStatus, after: DeploymentStatus): boolean {
  const oldBefore = (before.replicas ?? 0) - (before.updatedReplicas ?? 0);
  const oldAfter = (after.replicas ?? 0) - (after.updatedReplicas ?? 0);
  return (
    (after.updatedReplicas ?? 0) > (before.updatedReplicas ?? 0) ||
    oldAfter < oldBefore ||
    (after.readyReplicas ?? 0) > (before.readyReplicas ?? 0) ||
    (after.availableReplicas ?? 0) > (before.availableReplicas ?? 0)
  );
}

/** When the Progressing condition's deadline passes, in ms; undefined when nothing is pending. */
function deadlineOf(d: KubeObject, status: DeploymentStatus): number | undefined {
  const seconds = progressDeadline(d);
  const condition = getCondition(status, PROGRESSING);
  if (seconds === undefined || !condition) return undefined;
  if (condition.reason === REASONS.newReplicaSetAvailable || condition.reason === REASONS.timedOut) return undefined;
  const from = Date.parse(condition.lastUpdateTime ?? "");
  return Number.isNaN(from) ? undefined : from + seconds * 1000;
}

/** DeploymentTimedOut: the condition was last updated longer ago than the deadline. */
function deploymentTimedOut(d: KubeObject, status: DeploymentStatus, now: Date): boolean {
  if (getCondition(status, PROGRESSING)?.reason === REASONS.timedOut) return progressDeadline(d) !== undefined;
  const deadline = deadlineOf(d, status);
  return deadline !== undefined && deadline < now.getTime();
}

export function syncRolloutStatus(run: DeploymentRun): void {
  const { d } = run;
  const before = run.status;
  const status = calculateStatus(run);
  const now = run.now();
  const current = getCondition(before, PROGRESSING);
  if (progressDeadline(d) === undefined) removeCondition(status, PROGRESSING);
  const alreadyComplete = status.replicas === status.updatedReplicas && current?.reason === REASONS.newReplicaSetAvailable;
  if (progressDeadline(d) !== undefined && !alreadyComplete) {
    const newName = splitReplicaSets(d, run.replicaSets).newRS?.metadata.name ?? "";
    if (deploymentComplete(d, status)) {
      const message = `ReplicaSet "${newName}" has successfully progressed.`;
      setCondition(status, newCondition(PROGRESSING, "True", REASONS.newReplicaSetAvailable, message, now));
    } else if (deploymentProgressing(before, status)) {
      // Progress moves the deadline: lastUpdateTime is refreshed even though the reason may not change.
      const condition = newCondition(PROGRESSING, "True", REASONS.replicaSetUpdated, `ReplicaSet "${newName}" is progressing.`, now);
      if (current?.status === "True") condition.lastTransitionTime = current.lastTransitionTime;
      removeCondition(status, PROGRESSING);
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      const message = `ReplicaSet "${newName}" has timed out progressing.`;
      setCondition(status, newCondition(PROGRESSING, "False", REASONS.timedOut, message, now));
    }
  }
  const failure = replicaFailure(run);
  if (failure) setCondition(status, failure);
  else removeCondition(status, REPLICA_FAILURE);
  run.status = status;
  requeueAtDeadline(run);
}

/** getReplicaFailures: a ReplicaSet that cannot create pods makes the Deployment say so (the new one first). */
function replicaFailure(run: DeploymentRun): ReturnType<typeof getCondition> {
  const { newRS, oldRSs } = splitReplicaSets(run.d, run.replicaSets);
  for (const rs of newRS ? [newRS, ...oldRSs] : oldRSs) {
    const condition = rsStatus(rs).conditions?.find((c) => c.type === REPLICA_FAILURE && c.status === "True");
    if (condition) return { ...condition, lastUpdateTime: condition.lastTransitionTime };
  }
  return undefined;
}

/** requeueStuckDeployment: look again just after the deadline, rather than polling. */
function requeueAtDeadline(run: DeploymentRun): void {
  if (deploymentComplete(run.d, run.status)) return;
  const deadline = deadlineOf(run.d, run.status);
  if (deadline === undefined) return;
  scheduleNow(run.ctx, KIND, encodeDeploymentKey(run.d), Math.max(0, deadline + 1000 - run.now().getTime()));
}
