// One Durable Object per cluster: etcd's role. Its RPC methods are the whole
// storage API. Each runs synchronously from start to finish (no awaits), so
// requests are serialized without locks and never see a half-done write.
import { DurableObject } from "cloudflare:workers";
import { StatusError, errors } from "../apimachinery/status.ts";
import type { KubeObject } from "../apimachinery/object.ts";
import { RECONCILERS } from "../controllers/index.ts";
import type { ControllerContext } from "../controllers/reconciler.ts";
import type { Env } from "../env.ts";
import type { PatchType } from "../patch/index.ts";
import type { DeleteOptions, ListOptions, ObjectList, Outcome, WatchOptions, WriteOptions } from "./options.ts";
import { RevisionLog } from "./revision-log.ts";
import { SecretCipher } from "./secret-cipher.ts";
import { TimerQueue } from "./timer-queue.ts";
import { deleteCollection, deleteObject } from "./verbs/delete.ts";
import type { DeleteResult } from "./verbs/delete.ts";
import type { ManifestOptions, ManifestResult } from "./verbs/manifests.ts";
import { applyManifests } from "./verbs/manifests.ts";
import { getObject, listObjects } from "./verbs/read.ts";
import { getScale, writeScale } from "./verbs/scale.ts";
import { openWatch } from "./verbs/watch.ts";
import type { WriteResult } from "./verbs/write.ts";
import { createObject, patchObject, updateObject } from "./verbs/write.ts";
import { WatchHub } from "./watch-hub.ts";
import { WritePath } from "./write-path.ts";

const BOOTSTRAP_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];
/** Timers handled per alarm run before yielding to requests. */
const ALARM_BATCH = 50;
const ALARM_BUDGET_MS = 50;

export class ClusterStore extends DurableObject<Env> {
  private readonly hub: WatchHub;
  private readonly control: ControllerContext;
  private readonly reconcilers = new Map(RECONCILERS.map((r) => [r.kind, r]));

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    let cipher: SecretCipher | undefined;
    const log = new RevisionLog(ctx.storage.sql, () => (cipher ??= new SecretCipher(env.SECRETS_KEY)));
    this.hub = new WatchHub(() => log.revision);
    const writes = new WritePath(ctx.storage, log, this.hub);
    const timers = new TimerQueue(ctx.storage.sql, ctx.storage);
    this.control = { log, writes, timers, now: () => new Date() };
    writes.onCommit((changes) => {
      for (const change of changes) for (const reconciler of RECONCILERS) reconciler.observe(change, this.control);
    });
    if (log.revision === 0) this.bootstrap();
  }

  private bootstrap(): void {
    this.control.writes.batch(() => {
      for (const name of BOOTSTRAP_NAMESPACES) {
        createObject(this.control, "namespaces", undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name } }, {});
      }
    });
  }

  /** Runs a verb, turning its errors into Status values; unexpected ones are logged under a request id. */
  private run<T>(verb: string, work: () => T): Outcome<T> {
    try {
      return { ok: true, value: work() };
    } catch (error) {
      if (error instanceof StatusError) return { ok: false, status: error.status };
      const requestId = crypto.randomUUID();
      console.error(`request ${requestId}: ${verb} failed:`, error instanceof Error ? (error.stack ?? error.message) : String(error));
      return { ok: false, status: errors.internal(requestId) };
    }
  }

  private runWrite(verb: string, work: () => WriteResult): Outcome<KubeObject> {
    const outcome = this.run(verb, work);
    if (!outcome.ok) return outcome;
    const { object, created, warnings } = outcome.value;
    return { ok: true, value: object, created, warnings };
  }

  get(plural: string, namespace: string | undefined, name: string): Outcome<KubeObject> {
    return this.run("get", () => getObject(this.control, plural, namespace, name));
  }

  list(plural: string, namespace: string | undefined, options: ListOptions): Outcome<ObjectList> {
    return this.run("list", () => listObjects(this.control, plural, namespace, options));
  }

  watch(plural: string, namespace: string | undefined, options: WatchOptions): Outcome<ReadableStream<Uint8Array>> {
    return this.run("watch", () => openWatch(this.control, this.hub, plural, namespace, options));
  }

  create(plural: string, namespace: string | undefined, body: unknown, options: WriteOptions): Outcome<KubeObject> {
    return this.runWrite("create", () => createObject(this.control, plural, namespace, body, options));
  }

  update(
    plural: string,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions,
    subresource?: "status",
  ): Outcome<KubeObject> {
    return this.runWrite("update", () => updateObject(this.control, plural, namespace, name, body, options, subresource));
  }

  patch(
    plural: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options: WriteOptions,
    subresource?: "status",
  ): Outcome<KubeObject> {
    return this.runWrite("patch", () =>
      patchObject(this.control, plural, namespace, name, type, patch, options, subresource),
    );
  }

  delete(plural: string, namespace: string | undefined, name: string, options: DeleteOptions): Outcome<DeleteResult> {
    return this.run("delete", () => deleteObject(this.control, plural, namespace, name, options));
  }

  deleteCollection(
    plural: string,
    namespace: string | undefined,
    listOptions: ListOptions,
    options: DeleteOptions,
  ): Outcome<ObjectList> {
    return this.run("deletecollection", () =>
      this.control.writes.batch(() => deleteCollection(this.control, plural, namespace, listOptions, options)),
    );
  }

  getScale(plural: string, namespace: string | undefined, name: string): Outcome<KubeObject> {
    return this.run("get scale", () => getScale(this.control, plural, namespace, name));
  }

  writeScale(
    plural: string,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions,
    patchType?: Exclude<PatchType, "apply">,
  ): Outcome<KubeObject> {
    return this.run("write scale", () => writeScale(this.control, plural, namespace, name, body, options, patchType));
  }

  applyManifests(documents: unknown[], options: ManifestOptions): Outcome<ManifestResult[]> {
    return this.run("apply manifests", () => applyManifests(this.control, documents, options));
  }

  override async alarm(): Promise<void> {
    const started = Date.now();
    const { timers } = this.control;
    while (Date.now() - started < ALARM_BUDGET_MS) {
      const due = timers.takeDue(Date.now(), ALARM_BATCH);
      if (due.length === 0) break;
      for (const timer of due) {
        const reconciler = this.reconcilers.get(timer.kind);
        if (!reconciler) continue;
        try {
          reconciler.reconcile(timer.key, this.control);
        } catch (error) {
          // Level-triggered: trying the same key again later is always safe.
          const reason = error instanceof StatusError ? error.status.message : error instanceof Error ? error.message : String(error);
          console.error(`reconcile ${timer.kind} ${timer.key} failed, retrying in 1s: ${reason}`);
          timers.schedule(timer.kind, timer.key, Date.now() + 1000);
        }
      }
    }
    timers.rearm();
  }
}
