// One hollow node (like kubemark's): it joins with the bootstrap token,
// registers a Ready Node, renews its Lease, long-polls for its pods and
// reports each one Running and Ready with a fake IP from its podCIDR, and
// confirms deletions at once. No containers exist. TEST TOOL for scale
// tests and benchmarks; thousands share one process and one HTTP agent.
import type { Node, Pod } from "../../worker/schema/kinds.ts";
import { PodIpPool } from "../runtime/simulated/pod-ips.ts";
import { sleep } from "../util/time.ts";
import type { SimHttp, SimResponse } from "./http.ts";
import type { Limiter } from "./limiter.ts";
import { hollowLease, hollowNode, runningStatus } from "./manifests.ts";
import type { HollowCapacity } from "./manifests.ts";

export interface FleetStats {
  nodesRegistered: number;
  podsReported: number;
  deletionsConfirmed: number;
  leaseRenewals: number;
  errors: number;
  lastError?: string;
}

export interface HollowContext {
  http: SimHttp;
  joinToken: string;
  /** Shared cap on concurrent writes (long-polls are not counted). */
  writes: Limiter;
  /**
   * Lease renewals have their own cap, as kubelet's heartbeat has its own
   * client: queued behind thousands of pod status writes they would arrive
   * late and the node lifecycle controller would mark healthy nodes NotReady.
   */
  heartbeats: Limiter;
  capacity: HollowCapacity;
  leaseMs: number;
  stats: FleetStats;
  signal: AbortSignal;
  /** Called when a pod's Running status was accepted (benchmarks time this). */
  onPodRunning?: (pod: Pod) => void;
}

const STRATEGIC_MERGE = "application/strategic-merge-patch+json";
const POLL_SECONDS = 30;
const HOST_IP = "127.0.0.1";
const seg = encodeURIComponent;

class CallError extends Error {
  constructor(readonly response: SimResponse, what: string) {
    super(`${what}: ${response.status} ${response.text.slice(0, 200)}`);
  }
}

export class HollowNode {
  private token = "";
  private nodeUid: string | undefined;
  private ips = new PodIpPool(undefined);
  /** Pod uids reported Running (or being reported), and those whose deletion was confirmed. */
  private readonly reported = new Set<string>();
  private readonly confirmed = new Set<string>();

  constructor(readonly name: string, private readonly ctx: HollowContext) {}

  /** Joins and registers; then heartbeats and serves pods until the signal aborts. */
  async start(): Promise<void> {
    await this.retrying("join", () => this.join());
    const node = await this.retrying("register", () => this.register());
    this.nodeUid = node.metadata.uid;
    this.ips = new PodIpPool(node.spec?.podCIDR);
    await this.retrying("lease", () => this.renewLease());
    this.ctx.stats.nodesRegistered++;
    void this.leaseLoop();
    void this.pollLoop();
  }

  private async join(): Promise<void> {
    const res = await this.ctx.writes.run(() => this.ctx.http.request("POST", "/kubeflare/v1/join", this.ctx.joinToken, { nodeName: this.name }));
    if (res.status === 401 || res.status === 403) throw new Error(`join refused: ${res.text.slice(0, 200)} (check --token)`);
    if (res.status !== 201 && res.status !== 200) throw new CallError(res, "join");
    this.token = (JSON.parse(res.text) as { token: string }).token;
  }

  private async call(method: string, path: string, body?: unknown, contentType?: string): Promise<SimResponse> {
    return this.ctx.writes.run(() => this.ctx.http.request(method, path, this.token, body, contentType));
  }

  private async register(): Promise<Node> {
    const created = await this.call("POST", "/api/v1/nodes", hollowNode(this.name, this.ctx.capacity, new Date()));
    if (created.status === 201) {
      const node = JSON.parse(created.text) as Node;
      // Some servers drop status on create, as the Kubernetes API may: send it again.
      if (node.status?.conditions?.some((c) => c.type === "Ready")) return node;
    } else if (created.status !== 409) {
      throw new CallError(created, "creating Node");
    }
    const status = hollowNode(this.name, this.ctx.capacity, new Date()).status;
    const patched = await this.call("PATCH", `/api/v1/nodes/${seg(this.name)}/status`, { status }, STRATEGIC_MERGE);
    if (patched.status !== 200) throw new CallError(patched, "patching Node status");
    return JSON.parse(patched.text) as Node;
  }

  private async renewLease(): Promise<void> {
    const path = `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${seg(this.name)}`;
    // The renew time is taken when the request goes out, not when it was queued.
    const res = await this.ctx.heartbeats.run(() => this.ctx.http.request("PUT", path, this.token, hollowLease(this.name, this.nodeUid, new Date())));
    if (res.status !== 200 && res.status !== 201) throw new CallError(res, "renewing Lease");
    this.ctx.stats.leaseRenewals++;
  }

  private async leaseLoop(): Promise<void> {
    // Spread the fleet's renewals over the period instead of in one burst.
    await sleep(Math.random() * this.ctx.leaseMs, this.ctx.signal);
    while (!this.ctx.signal.aborted) {
      await this.renewLease().catch((error: unknown) => this.failed(error));
      await sleep(this.ctx.leaseMs, this.ctx.signal);
    }
  }

  private async pollLoop(): Promise<void> {
    let resourceVersion: string | undefined;
    let delay = 500;
    while (!this.ctx.signal.aborted) {
      try {
        const query = new URLSearchParams({ timeoutSeconds: String(POLL_SECONDS) });
        if (resourceVersion) query.set("resourceVersion", resourceVersion);
        const res = await this.ctx.http.request("GET", `/kubeflare/v1/nodes/${seg(this.name)}/pods?${query}`, this.token, undefined, undefined, (POLL_SECONDS + 15) * 1000, this.ctx.signal);
        if (res.status !== 200) throw new CallError(res, "polling assignments");
        const answer = JSON.parse(res.text) as { resourceVersion: string; pods: Pod[] };
        resourceVersion = answer.resourceVersion;
        delay = 500;
        this.sync(answer.pods);
      } catch (error) {
        if (this.ctx.signal.aborted) return;
        if (error instanceof CallError && (error.response.status === 410 || error.response.status === 400)) resourceVersion = undefined;
        this.failed(error);
        await sleep(delay, this.ctx.signal);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  /** Level-triggered: every answer is the node's whole set of pods. */
  private sync(pods: Pod[]): void {
    const present = new Set<string>();
    for (const pod of pods) {
      const uid = pod.metadata.uid ?? "";
      present.add(uid);
      if (pod.metadata.deletionTimestamp) {
        if (this.confirmed.has(uid)) continue;
        this.confirmed.add(uid);
        void this.confirmDeletion(pod);
      } else if (!this.reported.has(uid)) {
        this.reported.add(uid);
        void this.reportRunning(pod);
      }
    }
    for (const set of [this.reported, this.confirmed]) {
      for (const uid of set) {
        if (present.has(uid)) continue;
        set.delete(uid);
        this.ips.release(uid);
      }
    }
  }

  private async reportRunning(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? "";
    const namespace = pod.metadata.namespace ?? "default";
    const path = `/api/v1/namespaces/${seg(namespace)}/pods/${seg(pod.metadata.name ?? "")}/status`;
    // Already reported by an earlier run of the simulator: adopt it.
    if (pod.status?.phase === "Running" && pod.status.podIP) return;
    const status = runningStatus(pod, this.ips.assign(uid), HOST_IP, new Date());
    for (let delay = 500; !this.ctx.signal.aborted && this.reported.has(uid); delay = Math.min(delay * 2, 10_000)) {
      try {
        const res = await this.call("PATCH", path, { status }, STRATEGIC_MERGE);
        if (res.status === 404) return;
        if (res.status !== 200) throw new CallError(res, "patching pod status");
        this.ctx.stats.podsReported++;
        this.ctx.onPodRunning?.(pod);
        return;
      } catch (error) {
        this.failed(error);
        await sleep(delay, this.ctx.signal);
      }
    }
  }

  private async confirmDeletion(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? "";
    const path = `/api/v1/namespaces/${seg(pod.metadata.namespace ?? "default")}/pods/${seg(pod.metadata.name ?? "")}`;
    const options = { kind: "DeleteOptions", apiVersion: "v1", gracePeriodSeconds: 0, preconditions: { uid } };
    for (let delay = 500; !this.ctx.signal.aborted; delay = Math.min(delay * 2, 10_000)) {
      try {
        const res = await this.call("DELETE", path, options);
        // 404: gone already; 409: a new pod took the name. Either way ours is done.
        if (res.status !== 200 && res.status !== 202 && res.status !== 404 && res.status !== 409) throw new CallError(res, "confirming deletion");
        this.ctx.stats.deletionsConfirmed++;
        this.ips.release(uid);
        return;
      } catch (error) {
        this.failed(error);
        await sleep(delay, this.ctx.signal);
      }
    }
  }

  private async retrying<T>(what: string, step: () => Promise<T>): Promise<T> {
    for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
      try {
        return await step();
      } catch (error) {
        if (this.ctx.signal.aborted || (error instanceof Error && error.message.startsWith("join refused"))) throw error;
        this.failed(error);
        await sleep(delay, this.ctx.signal);
      }
    }
  }

  private failed(error: unknown): void {
    this.ctx.stats.errors++;
    this.ctx.stats.lastError = `${this.name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
