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
import type { NodeAssignments } from "./node-assignments.ts";
import { NodeAssignmentWaiters } from "./node-assignments.ts";
import { AllocationTable } from "./allocators/allocation-table.ts";
import { parseCidr } from "./allocators/cidr.ts";
import { NodePodCidrAllocator } from "./allocators/node-pod-cidr.ts";
import { ServiceAddressAllocator } from "./allocators/service-addresses.ts";
import { NodeTunnels } from "./node-tunnels.ts";
import { RevisionLog } from "./revision-log.ts";
import { SecretCipher } from "./secret-cipher.ts";
import { TimerQueue } from "./timer-queue.ts";
import { deleteCollection, deleteObject } from "./verbs/delete.ts";
import type { DeleteResult } from "./verbs/delete.ts";
import type { ManifestOptions, ManifestResult } from "./verbs/manifests.ts";
import { applyManifests } from "./verbs/manifests.ts";
import { nodeMayAccess } from "./verbs/node-access.ts";
import type { LogOptions } from "./verbs/pod-logs.ts";
import { podLogs } from "./verbs/pod-logs.ts";
import { getObject, listObjects } from "./verbs/read.ts";
import { getScale, writeScale } from "./verbs/scale.ts";
import { openWatch } from "./verbs/watch.ts";
import type { WriteResult } from "./verbs/write.ts";
import { createObject, patchObject, updateObject } from "./verbs/write.ts";
import { WatchHub } from "./watch-hub.ts";
import { WritePath } from "./write-path.ts";

/** Set by the Worker on tunnel requests it has authenticated; names the node. */
export const TUNNEL_NODE_HEADER = "x-kubeflare-tunnel-node";
const DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
const DEFAULT_CLUSTER_CIDR = "10.244.0.0/16";
const BOOTSTRAP_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];
/** Timers handled per alarm run before yielding to requests. */
const ALARM_BATCH = 50;
const ALARM_BUDGET_MS = 50;

export class ClusterStore extends DurableObject<Env> {
  private readonly hub: WatchHub;
  private readonly assignments: NodeAssignmentWaiters;
  private readonly tunnels: NodeTunnels;
  private readonly control: ControllerContext;
  private readonly reconcilers = new Map(RECONCILERS.map((r) => [r.kind, r]));

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    let cipher: SecretCipher | undefined;
    const log = new RevisionLog(ctx.storage.sql, () => (cipher ??= new SecretCipher(env.SECRETS_KEY)));
    this.hub = new WatchHub(() => log.revision);
    const writes = new WritePath(ctx.storage, log, this.hub);
    const timers = new TimerQueue(ctx.storage.sql, ctx.storage);
    const allocations = new AllocationTable(ctx.storage.sql);
    const services = new ServiceAddressAllocator(allocations, parseCidr(env.SERVICE_CIDR || DEFAULT_SERVICE_CIDR));
    const podCidrs = new NodePodCidrAllocator(allocations, parseCidr(env.CLUSTER_CIDR || DEFAULT_CLUSTER_CIDR));
    writes.onPrepare((m) => services.prepare(m));
    writes.onPrepare((m) => podCidrs.prepare(m));
    this.control = { log, writes, timers, now: () => new Date() };
    this.assignments = new NodeAssignmentWaiters(log);
    this.tunnels = new NodeTunnels(ctx);
    writes.onCommit((changes) => this.assignments.observe(changes));
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

  /** Node agents' long-poll for the pods bound to their node. */
  nodeAssignments(nodeName: string, resourceVersion: string | undefined, timeoutMs: number): Promise<NodeAssignments> {
    return this.assignments.poll(nodeName, resourceVersion, timeoutMs);
  }

  /** The tunnel of an authenticated node agent (the Worker checked the credential). */
  override async fetch(request: Request): Promise<Response> {
    const nodeName = request.headers.get(TUNNEL_NODE_HEADER);
    if (!nodeName || request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response(JSON.stringify(errors.badRequest("expected a WebSocket upgrade for a node tunnel")), { status: 400 });
    }
    return this.tunnels.accept(nodeName);
  }

  override webSocketMessage(_socket: WebSocket, message: string | ArrayBuffer): void {
    this.tunnels.onMessage(message);
  }

  override webSocketClose(socket: WebSocket): void {
    this.tunnels.onClose(socket);
  }

  override webSocketError(socket: WebSocket): void {
    this.tunnels.onClose(socket);
  }

  podLogs(namespace: string, name: string, options: LogOptions): Outcome<ReadableStream<Uint8Array>> {
    return this.run("logs", () => podLogs(this.control, this.tunnels, namespace, name, options));
  }

  /** Whether a node's credential may reach this object (see api/node-authorizer.ts). */
  nodeMayAccess(nodeName: string, plural: string, namespace: string, name: string): boolean {
    return nodeMayAccess(this.control, nodeName, plural, namespace, name);
  }

  /** Maintenance: compacts the change log down to `keepRevisions` at once (the alarm does it in batches). */
  compact(keepRevisions: number): number {
    const { log } = this.control;
    while (log.compact(keepRevisions, 10_000) > 0);
    return log.compactedRevision;
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
