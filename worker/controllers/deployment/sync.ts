// One sync of one Deployment (DeploymentController.syncDeployment): claim
// ReplicaSets, then either scale (paused, or spec.replicas changed) or take
// the next rollout step of its strategy, and record status.
import type { KubeObject } from "../../apimachinery/object.ts";
import type { ControllerContext } from "../reconciler.ts";
import { scheduleNow } from "../reconciler.ts";
import { DESIRED_REPLICAS, annotatedReplicas } from "./annotations.ts";
import { cleanupDeployment } from "./cleanup.ts";
import { PROGRESSING, REASONS, getCondition, newCondition, setCondition } from "./conditions.ts";
import { KIND, encodeDeploymentKey } from "./keys.ts";
import { syncRevision } from "./new-replica-set.ts";
import { scaleDeployment } from "./proportional.ts";
import { rolloutRecreate } from "./recreate.ts";
import { claimReplicaSets } from "./replica-sets.ts";
import { rolloutRolling } from "./rolling.ts";
import { DeploymentRun, RequeueSync } from "./run.ts";
import { syncDeploymentStatus } from "./status.ts";
import { activeReplicaSets, deploymentSpec, desiredReplicas, progressDeadline } from "./types.ts";

export function syncDeployment(ctx: ControllerContext, d: KubeObject): void {
  const run = new DeploymentRun(ctx, d, claimReplicaSets(ctx, d));
  try {
    step(run);
  } catch (error) {
    if (!(error instanceof RequeueSync)) throw error;
    scheduleNow(ctx, KIND, encodeDeploymentKey(run.d), error.delayMs);
  }
  run.flushStatus();
}

function step(run: DeploymentRun): void {
  const spec = deploymentSpec(run.d);
  if (run.d.metadata.deletionTimestamp) {
    syncRevision(run, false);
    return syncDeploymentStatus(run);
  }
  checkPausedConditions(run);
  if (spec.paused || isScalingEvent(run)) return syncScaling(run);
  if (spec.strategy?.type === "Recreate") return rolloutRecreate(run);
  rolloutRolling(run);
}

/** `sync`: scale without rolling out; a paused Deployment also prunes its history. */
function syncScaling(run: DeploymentRun): void {
  const { newRS, oldRSs } = syncRevision(run, false);
  scaleDeployment(run, newRS, oldRSs);
  if (deploymentSpec(run.d).paused) cleanupDeployment(run);
  syncDeploymentStatus(run);
}

/** An active ReplicaSet was sized for a different spec.replicas than the Deployment's now. */
function isScalingEvent(run: DeploymentRun): boolean {
  const { newRS, oldRSs } = syncRevision(run, false);
  const desired = desiredReplicas(run.d);
  return activeReplicaSets(newRS ? [...oldRSs, newRS] : oldRSs).some((rs) => {
    const annotated = annotatedReplicas(rs, DESIRED_REPLICAS);
    return annotated !== undefined && annotated !== desired;
  });
}

/** Progressing says Unknown/DeploymentPaused while paused, DeploymentResumed after; a timeout is never overwritten. */
function checkPausedConditions(run: DeploymentRun): void {
  if (progressDeadline(run.d) === undefined) return;
  const condition = getCondition(run.status, PROGRESSING);
  if (condition?.reason === REASONS.timedOut) return;
  const pausedRecorded = condition?.reason === REASONS.paused;
  const paused = deploymentSpec(run.d).paused === true;
  if (paused && !pausedRecorded) {
    setCondition(run.status, newCondition(PROGRESSING, "Unknown", REASONS.paused, "Deployment is paused", run.now()));
  } else if (!paused && pausedRecorded) {
    setCondition(run.status, newCondition(PROGRESSING, "Unknown", REASONS.resumed, "Deployment is resumed", run.now()));
  }
}
