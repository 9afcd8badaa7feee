// cleanupDeployment: keep at most revisionHistoryLimit old ReplicaSets,
// deleting the lowest revisions first, and only those fully scaled down.
import { StatusError } from "../../apimachinery/status.ts";
import { deleteObject } from "../../store/verbs/delete.ts";
import { rsStatus } from "../replicaset/types.ts";
import { byRevision, splitReplicaSets } from "./replica-sets.ts";
import type { DeploymentRun } from "./run.ts";
import { deploymentSpec, rsReplicas } from "./types.ts";

export function cleanupDeployment(run: DeploymentRun): void {
  const limit = deploymentSpec(run.d).revisionHistoryLimit;
  if (limit === undefined) return;
  const { oldRSs } = splitReplicaSets(run.d, run.replicaSets);
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
  const excess = cleanable.length - limit;
  for (const rs of cleanable.slice(0, Math.max(0, excess))) {
    const status = rsStatus(rs);
    const settled = (status.observedGeneration ?? 0) >= (rs.metadata.generation ?? 0);
    if ((status.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || !settled) continue;
    try {
      deleteObject(run.ctx, "replicasets", rs.metadata.namespace, rs.metadata.name ?? "", {});
      run.untrack(rs);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
    }
  }
}
