// What one sync of one Deployment carries: the Deployment as last written,
// the status being worked out, and its ReplicaSets as last written. Every
// write goes to the store at once (inside the sync's transaction) and the
// stored result replaces the copy here, so later steps never act on stale data.
import type { KubeObject } from "../../apimachinery/object.ts";
import { semanticallyEqual } from "../../patch/index.ts";
import { resourceOf } from "../../store/verbs/context.ts";
import { commitWrite } from "../../store/verbs/write.ts";
import type { ControllerContext } from "../reconciler.ts";
import { REVISION } from "./annotations.ts";
import type { DeploymentStatus } from "./types.ts";
import { deploymentStatus } from "./types.ts";

/** Ends a sync early; the sync is tried again after `delayMs` (a collision at once, a failed create after a pause). */
export class RequeueSync extends Error {
  constructor(
    message: string,
    readonly delayMs = 0,
  ) {
    super(message);
  }
}

export class DeploymentRun {
  /** The working status, written once at the end of the sync. */
  status: DeploymentStatus;

  constructor(
    readonly ctx: ControllerContext,
    public d: KubeObject,
    public replicaSets: KubeObject[],
  ) {
    this.status = structuredClone(deploymentStatus(d));
  }

  now(): Date {
    return this.ctx.now();
  }

  /** Replaces a ReplicaSet with its newly written version (or adds a new one). */
  track(rs: KubeObject): void {
    const i = this.replicaSets.findIndex((r) => r.metadata.uid === rs.metadata.uid);
    if (i >= 0) this.replicaSets[i] = rs;
    else this.replicaSets.push(rs);
  }

  untrack(rs: KubeObject): void {
    this.replicaSets = this.replicaSets.filter((r) => r.metadata.uid !== rs.metadata.uid);
  }

  /** Writes a changed ReplicaSet (main resource) and tracks the result. */
  writeReplicaSet(old: KubeObject, updated: KubeObject): KubeObject {
    const { object } = commitWrite(this.ctx, resourceOf("replicasets"), old, updated, {});
    this.track(object);
    return object;
  }

  /** SetDeploymentRevision: the Deployment's revision annotation follows its new ReplicaSet's. */
  setRevision(revision: string): void {
    if (this.d.metadata.annotations?.[REVISION] === revision) return;
    const updated = structuredClone(this.d);
    updated.metadata.annotations = { ...updated.metadata.annotations, [REVISION]: revision };
    this.d = commitWrite(this.ctx, resourceOf("deployments"), this.d, updated, {}).object;
  }

  /** Writes the working status through the status subresource if it changed. */
  flushStatus(): void {
    // By meaning: admission may have stored the same status with its keys in another order.
    if (semanticallyEqual(this.status, deploymentStatus(this.d))) return;
    this.d = commitWrite(this.ctx, resourceOf("deployments"), this.d, { ...this.d, status: this.status }, {}, "status").object;
  }
}
