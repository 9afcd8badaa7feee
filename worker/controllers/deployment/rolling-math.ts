// deploymentutil.NewRSNewReplicas: how big the new ReplicaSet may be now.
// Rolling updates may add pods up to replicas + maxSurge in total; Recreate
// goes straight to the full size.
import type { KubeObject } from "../../apimachinery/object.ts";
import { maxSurge } from "./fenceposts.ts";
import { desiredReplicas, isRollingUpdate, rsReplicas, sumSpecReplicas } from "./types.ts";

export function newReplicaSetReplicas(d: KubeObject, allRSs: readonly KubeObject[], newRS: KubeObject): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d)) return desired;
  const current = sumSpecReplicas(allRSs);
  const maxTotal = desired + maxSurge(d);
  const newSize = rsReplicas(newRS);
  if (current >= maxTotal) return newSize;
  return newSize + Math.min(maxTotal - current, desired - newSize);
}
