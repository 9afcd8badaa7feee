// DeploymentController.scaleReplicaSet: set a ReplicaSet's size and its
// desired/max replica annotations, and say so in a ScalingReplicaSet Event.
import type { KubeObject } from "../../apimachinery/object.ts";
import { recordEvent } from "../event-recorder.ts";
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from "./annotations.ts";
import { maxSurge } from "./fenceposts.ts";
import type { DeploymentRun } from "./run.ts";
import { desiredReplicas, rsReplicas } from "./types.ts";

export const COMPONENT = "deployment-controller";

export interface Scaled {
  scaled: boolean;
  rs: KubeObject;
}

export function scaleReplicaSet(run: DeploymentRun, rs: KubeObject, newScale: number, operation: string): Scaled {
  const desired = desiredReplicas(run.d);
  const max = desired + maxSurge(run.d);
  const oldScale = rsReplicas(rs);
  const sizeChanges = oldScale !== newScale;
  if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const updated = structuredClone(rs);
  updated.spec = { ...(updated.spec as object), replicas: newScale };
  setReplicasAnnotations(updated, desired, max);
  const written = run.writeReplicaSet(rs, updated);
  if (sizeChanges) {
    const message = `Scaled ${operation} replica set ${rs.metadata.name} to ${newScale} from ${oldScale}`;
    recordEvent(run.ctx, run.d, "Normal", "ScalingReplicaSet", message, COMPONENT);
  }
  return { scaled: sizeChanges, rs: written };
}

/** scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
export function scaleReplicaSetTo(run: DeploymentRun, rs: KubeObject, newScale: number): Scaled {
  const current = rsReplicas(rs);
  if (current === newScale) return { scaled: false, rs };
  return scaleReplicaSet(run, rs, newScale, current < newScale ? "up" : "down");
}
