// Registration and heartbeats: creates (or adopts) this node's Node object,
// renews its Lease every 10 s, and patches Node status when something
// changes or a minute has passed, as kubelet's node status manager does.
import type { Lease, Node, NodeStatus } from "../../worker/schema/kinds.ts";
import { ApiError, isConflict } from "../control-plane/api-error.ts";
import type { KubeClient } from "../control-plane/kube-client.ts";
import { diffMap, withoutNulls } from "../control-plane/two-way-patch.ts";
import type { Json } from "../control-plane/two-way-patch.ts";
import { errorMessage } from "../log.ts";
import type { Logger } from "../log.ts";
import type { ContainerRuntime } from "../runtime/runtime.ts";
import { RetryDelay } from "../util/backoff.ts";
import { rfc3339Micro, sleep } from "../util/time.ts";
import { diskUsage, hostInfo, memoryAvailable, pidUsage } from "./host-info.ts";
import type { HostInfo } from "./host-info.ts";
import { nodeLabels, nodeObject, nodeStatus } from "./node-object.ts";
import type { Health, NodeIdentity } from "./node-object.ts";

export interface ReporterTiming {
  leaseMs: number;
  /** A status patch at least this often, even without changes. */
  statusMs: number;
  /** How often health and images are checked for changes. */
  checkMs: number;
}

export const DEFAULT_REPORTER_TIMING: ReporterTiming = { leaseMs: 10_000, statusMs: 60_000, checkMs: 10_000 };
const LEASE_DURATION_SECONDS = 40;
const NODE_MERGE_KEYS = { conditions: "type", addresses: "type" };
const MEMORY_EVICTION_BYTES = 100 * 2 ** 20;

/** The status without heartbeat times, to tell real changes from the clock moving. */
function essence(status: NodeStatus): unknown {
  return { ...status, conditions: status.conditions?.map(({ lastHeartbeatTime: _ignored, ...rest }) => rest) };
}

export class NodeReporter {
  private host: HostInfo | undefined;
  private node: Node | undefined;
  private reported: NodeStatus | undefined;
  private lastReportAt = 0;
  private readonly abort = new AbortController();
  private runtimeVersion = "";

  constructor(
    private readonly client: KubeClient,
    private readonly runtime: ContainerRuntime,
    private readonly identity: NodeIdentity,
    private readonly dataDir: string,
    private readonly log: Logger,
    private readonly timing: ReporterTiming = DEFAULT_REPORTER_TIMING,
  ) {}

  /** The node's InternalIP, the pods' hostIP. */
  get hostIP(): string {
    return this.host?.internalIP ?? "127.0.0.1";
  }

  get hostFacts(): HostInfo | undefined {
    return this.host;
  }

  private async health(): Promise<Health> {
    let runtimeUp = true;
    let runtimeError: string | undefined;
    try {
      await this.runtime.ping();
    } catch (error) {
      runtimeUp = false;
      runtimeError = errorMessage(error);
    }
    const available = await memoryAvailable();
    const disk = await diskUsage(this.dataDir);
    const pids = await pidUsage();
    return {
      runtimeUp,
      runtimeError,
      memoryPressure: available !== undefined && available < MEMORY_EVICTION_BYTES,
      diskPressure: disk !== undefined && disk.available < disk.capacity * 0.1,
      pidPressure: pids !== undefined && pids.used > pids.max * 0.9,
    };
  }

  private async desiredStatus(previous: NodeStatus | undefined): Promise<NodeStatus> {
    const host = (this.host ??= await hostInfo());
    const health = await this.health();
    const images = health.runtimeUp ? await this.runtime.listImages().catch(() => []) : [];
    if (health.runtimeUp && !this.runtimeVersion) this.runtimeVersion = await this.runtime.version().catch(() => "");
    const disk = await diskUsage(this.dataDir);
    return nodeStatus({ identity: this.identity, host, runtimeVersion: this.runtimeVersion, images, health, ephemeralStorage: disk?.capacity, previous, now: new Date() });
  }

  /** Creates the Node, or adopts the existing one; retries until the control plane answers. */
  async register(): Promise<Node> {
    const retry = new RetryDelay();
    for (;;) {
      try {
        return await this.registerOnce();
      } catch (error) {
        if (this.abort.signal.aborted) throw error;
        if (error instanceof ApiError && error.status === 403) throw error;
        const delay = retry.next();
        this.log.warn(`registering node ${this.identity.nodeName}: ${errorMessage(error)}; retrying in ${Math.round(delay / 1000)}s`);
        await sleep(delay, this.abort.signal);
        if (this.abort.signal.aborted) throw new Error("stopped before the node was registered");
      }
    }
  }

  private async registerOnce(): Promise<Node> {
    const status = await this.desiredStatus(undefined);
    const host = this.host as HostInfo;
    const wanted = nodeObject({ identity: this.identity, host, runtimeVersion: this.runtimeVersion, images: [], health: { runtimeUp: true, memoryPressure: false, diskPressure: false, pidPressure: false }, now: new Date() });
    wanted.status = status;
    let node: Node;
    try {
      node = await this.client.createNode(wanted);
      this.log.info(`registered node ${this.identity.nodeName}`);
    } catch (error) {
      if (!isConflict(error)) throw error;
      node = await this.client.getNode(this.identity.nodeName);
      const labels = nodeLabels(this.identity, host);
      const stale = Object.entries(labels).some(([k, v]) => node.metadata.labels?.[k] !== v);
      if (stale) node = await this.client.patchNode(this.identity.nodeName, { metadata: { labels } });
      this.log.info(`node ${this.identity.nodeName} already registered; taking it over`);
    }
    this.node = node;
    await this.patchStatus(node.status, status);
    await this.renewLease();
    return node;
  }

  private async patchStatus(server: NodeStatus | undefined, desired: NodeStatus): Promise<void> {
    const patch = diffMap(withoutNulls(server ?? {}) as Record<string, Json>, withoutNulls(desired) as unknown as Record<string, Json>, NODE_MERGE_KEYS);
    if (patch) {
      const updated = await this.client.patchNodeStatus(this.identity.nodeName, { status: patch });
      this.node = updated;
    }
    this.reported = desired;
    this.lastReportAt = Date.now();
  }

  private async renewLease(): Promise<void> {
    const name = this.identity.nodeName;
    const lease: Lease = {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: {
        name,
        namespace: "kube-node-lease",
        ...(this.node?.metadata.uid ? { ownerReferences: [{ apiVersion: "v1", kind: "Node", name, uid: this.node.metadata.uid }] } : {}),
      },
      spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: rfc3339Micro(new Date()) },
    };
    await this.client.putLease(lease);
  }

  /** Starts the lease and status loops (after register()). */
  start(): void {
    void this.loop("lease", this.timing.leaseMs, () => this.renewLease());
    void this.loop("status", this.timing.checkMs, () => this.reportStatus());
  }

  /** Sends status now if it changed (say, the runtime went down), without waiting for the next check. */
  async reportStatus(force = false): Promise<void> {
    const desired = await this.desiredStatus(this.reported);
    const changed = !this.reported || JSON.stringify(essence(desired)) !== JSON.stringify(essence(this.reported));
    if (!force && !changed && Date.now() - this.lastReportAt < this.timing.statusMs) return;
    if (changed && this.reported) this.log.info("node status changed; reporting");
    await this.patchStatus(this.reported ?? this.node?.status, desired);
  }

  private async loop(what: string, everyMs: number, step: () => Promise<void>): Promise<void> {
    const retry = new RetryDelay(1000, Math.min(7000, everyMs));
    let failing = false;
    while (!this.abort.signal.aborted) {
      let wait = everyMs;
      try {
        await step();
        if (failing) this.log.info(`${what} updates are getting through again`);
        failing = false;
        retry.reset();
      } catch (error) {
        if (!failing) this.log.warn(`${what} update failed (pods keep running; retrying): ${errorMessage(error)}`);
        failing = true;
        wait = retry.next();
        // The server may have lost our status (a restarted store): resend it whole next time.
        this.reported = undefined;
      }
      await sleep(wait, this.abort.signal);
    }
  }

  stop(): void {
    this.abort.abort();
  }
}
