// The annotations through which a Deployment and its ReplicaSets record
// revisions and sizes (deploymentutil's annotation helpers).
import type { KubeObject } from "../../apimachinery/object.ts";

export const REVISION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const ROLLBACK_TO = "deprecated.deployment.rollback.to";
/** Longest revision-history annotation kept, as in Kubernetes. */
const MAX_HISTORY_CHARS = 2000;

/** Annotations that belong to one object and are not copied from Deployment to ReplicaSet. */
const NOT_COPIED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

export function revisionOf(object: KubeObject): number {
  const text = object.metadata.annotations?.[REVISION];
  const n = text === undefined ? 0 : Number.parseInt(text, 10);
  return Number.isNaN(n) ? 0 : n;
}

export function maxRevision(list: readonly KubeObject[]): number {
  return list.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

function annotationsOf(object: KubeObject): Record<string, string> {
  return (object.metadata.annotations ??= {});
}

/** copyDeploymentAnnotationsToReplicaSet. Mutates `rs`; returns whether anything changed. */
function copyDeploymentAnnotations(d: KubeObject, rs: KubeObject): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(key) || rs.metadata.annotations?.[key] === value) continue;
    annotationsOf(rs)[key] = value;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations. Mutates `rs`; returns whether anything changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  const annotations = annotationsOf(rs);
  const changed = annotations[DESIRED_REPLICAS] !== String(desired) || annotations[MAX_REPLICAS] !== String(max);
  annotations[DESIRED_REPLICAS] = String(desired);
  annotations[MAX_REPLICAS] = String(max);
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return annotations[DESIRED_REPLICAS] !== String(desired) || annotations[MAX_REPLICAS] !== String(max);
}

export function annotatedReplicas(rs: KubeObject, key: typeof DESIRED_REPLICAS | typeof MAX_REPLICAS): number | undefined {
  const text = rs.metadata.annotations?.[key];
  if (text === undefined) return undefined;
  const n = Number.parseInt(text, 10);
  return Number.isNaN(n) ? undefined : n;
}

/**
 * SetNewReplicaSetAnnotations. Mutates `rs`. A ReplicaSet that already had a
 * revision and gets a higher one is being rolled back to: its old revision
 * joins revision-history. A ReplicaSet about to be created also gets the
 * replica annotations.
 */
export function setNewReplicaSetAnnotations(
  d: KubeObject,
  rs: KubeObject,
  newRevision: number,
  exists: boolean,
  sizes: { desired: number; max: number },
): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = annotationsOf(rs);
  const oldText = annotations[REVISION];
  const oldRevision = oldText === undefined ? 0 : Number.parseInt(oldText, 10);
  if (Number.isNaN(oldRevision)) return changed;
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (oldText !== undefined) recordRevisionHistory(annotations, oldText);
  }
  if (!exists && setReplicasAnnotations(rs, sizes.desired, sizes.max)) changed = true;
  return changed;
}

/** Appends `oldRevision`, dropping the oldest entries to stay within the length limit. */
function recordRevisionHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY] ?? "";
  if (history === "") {
    annotations[REVISION_HISTORY] = oldRevision;
    return;
  }
  const entries = history.split(",");
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > MAX_HISTORY_CHARS && start < entries.length) {
    total -= entries[start].length + 1;
    start++;
  }
  if (total <= MAX_HISTORY_CHARS) annotations[REVISION_HISTORY] = [...entries.slice(start), oldRevision].join(",");
}
