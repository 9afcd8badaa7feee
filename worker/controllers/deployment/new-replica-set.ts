// getAllReplicaSetsAndSyncRevision / getNewReplicaSet: find the ReplicaSet
// whose template is the Deployment's and bring its revision up to date (this
// is how `kubectl rollout undo` lands: the old ReplicaSet becomes the new one
// and gets the next revision), or create it, named by the pod-template-hash.
import type { KubeObject } from "../../apimachinery/object.ts";
import { StatusError } from "../../apimachinery/status.ts";
import { createObject } from "../../store/verbs/write.ts";
import { recordEvent } from "../event-recorder.ts";
import { isControlledBy, newControllerRef } from "../replicaset/controller-ref.ts";
import { rsSpec } from "../replicaset/types.ts";
import { REVISION, maxRevision, setNewReplicaSetAnnotations } from "./annotations.ts";
import { PROGRESSING, REASONS, getCondition, newCondition, setCondition } from "./conditions.ts";
import { maxSurge } from "./fenceposts.ts";
import { podTemplateHash } from "./hash.ts";
import { POD_TEMPLATE_HASH, equalIgnoreHash, splitReplicaSets } from "./replica-sets.ts";
import type { Split } from "./replica-sets.ts";
import type { DeploymentRun } from "./run.ts";
import { RequeueSync } from "./run.ts";
import { COMPONENT } from "./scale-replica-set.ts";
import { newReplicaSetReplicas } from "./rolling-math.ts";
import { deploymentSpec, desiredReplicas, progressDeadline } from "./types.ts";

/** A ReplicaSet that could not be created (quota, a terminating namespace) is retried after this long. */
const CREATE_RETRY_MS = 5_000;

export function syncRevision(run: DeploymentRun, create: boolean): Split {
  const { newRS, oldRSs } = splitReplicaSets(run.d, run.replicaSets);
  const newRevision = maxRevision(oldRSs) + 1;
  if (newRS) return { newRS: updateExisting(run, newRS, newRevision), oldRSs };
  if (!create) return { newRS: undefined, oldRSs };
  return { newRS: createNew(run, oldRSs, newRevision), oldRSs };
}

function sizes(d: KubeObject): { desired: number; max: number } {
  const desired = desiredReplicas(d);
  return { desired, max: desired + maxSurge(d) };
}

function updateExisting(run: DeploymentRun, rs: KubeObject, newRevision: number): KubeObject {
  const updated = structuredClone(rs);
  const annotationsChanged = setNewReplicaSetAnnotations(run.d, updated, newRevision, true, sizes(run.d));
  const minReady = deploymentSpec(run.d).minReadySeconds ?? 0;
  let current = rs;
  if (annotationsChanged || (rsSpec(rs).minReadySeconds ?? 0) !== minReady) {
    updated.spec = { ...(updated.spec as object), minReadySeconds: minReady };
    current = run.writeReplicaSet(rs, updated);
  }
  run.setRevision(current.metadata.annotations?.[REVISION] ?? "");
  if (progressDeadline(run.d) !== undefined && !getCondition(run.status, PROGRESSING)) {
    const message = `Found new replica set "${rs.metadata.name}"`;
    setCondition(run.status, newCondition(PROGRESSING, "True", REASONS.foundNewReplicaSet, message, run.now()));
  }
  return current;
}

function createNew(run: DeploymentRun, oldRSs: KubeObject[], newRevision: number): KubeObject {
  const { d } = run;
  const spec = deploymentSpec(d);
  const template = structuredClone(spec.template ?? {});
  const hash = podTemplateHash(spec.template ?? {}, run.status.collisionCount);
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = structuredClone(spec.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
  const name = `${d.metadata.name}-${hash}`;
  const draft: KubeObject = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [newControllerRef(d)] },
    spec: { replicas: 0, minReadySeconds: spec.minReadySeconds ?? 0, selector, template },
  };
  const replicas = newReplicaSetReplicas(d, [...oldRSs, draft], draft);
  draft.spec = { ...(draft.spec as object), replicas };
  setNewReplicaSetAnnotations(d, draft, newRevision, false, sizes(d));
  const existing = run.ctx.log.read({ resource: "replicasets", namespace: d.metadata.namespace ?? "", name });
  if (existing) return adoptOrCollide(run, existing);
  let created: KubeObject;
  try {
    created = createObject(run.ctx, "replicasets", d.metadata.namespace, draft, {}).object;
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    const message = `Failed to create new replica set "${name}": ${error.status.message ?? error.status.reason}`;
    if (progressDeadline(d) !== undefined) {
      setCondition(run.status, newCondition(PROGRESSING, "False", REASONS.failedCreate, message, run.now()));
    }
    recordEvent(run.ctx, d, "Warning", REASONS.failedCreate, message, COMPONENT);
    throw new RequeueSync(message, CREATE_RETRY_MS);
  }
  run.track(created);
  if (replicas > 0) {
    recordEvent(run.ctx, d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${name} to ${replicas} from 0`, COMPONENT);
  }
  run.setRevision(String(newRevision));
  if (progressDeadline(d) !== undefined) {
    const message = `Created new replica set "${name}"`;
    setCondition(run.status, newCondition(PROGRESSING, "True", REASONS.newReplicaSetCreated, message, run.now()));
  }
  return created;
}

/**
 * A ReplicaSet already has the name. If it is ours with our template it is the
 * new one (we lost track of it); otherwise the hash collided: count the
 * collision, which changes the hash, and sync again.
 */
function adoptOrCollide(run: DeploymentRun, existing: KubeObject): KubeObject {
  if (isControlledBy(existing, run.d) && equalIgnoreHash(rsSpec(existing).template, deploymentSpec(run.d).template)) {
    run.track(existing);
    run.setRevision(existing.metadata.annotations?.[REVISION] ?? "");
    return existing;
  }
  run.status.collisionCount = (run.status.collisionCount ?? 0) + 1;
  throw new RequeueSync(`hash collision on replica set "${existing.metadata.name}"`);
}
