// N hollow nodes in one process (kubeflare-agent --simulate N), named
// sim-<i>, sharing one keep-alive HTTP agent and one cap on concurrent
// writes. TEST TOOL: for scheduler and scale benchmarks, not for workloads.
import { setMaxListeners } from "node:events";
import type { Pod } from "../../worker/schema/kinds.ts";
import { HollowNode } from "./hollow-node.ts";
import type { FleetStats, HollowContext } from "./hollow-node.ts";
import { SimHttp } from "./http.ts";
import { Limiter } from "./limiter.ts";
import type { HollowCapacity } from "./manifests.ts";

export interface FleetOptions {
  server: string;
  joinToken: string;
  nodes: number;
  /** Names are `${prefix}${i}`; default "sim-". */
  prefix?: string;
  insecureSkipTlsVerify?: boolean;
  capacity?: Partial<HollowCapacity>;
  leaseMs?: number;
  /** Concurrent writes across the fleet (default 32). */
  writeConcurrency?: number;
  onPodRunning?: (pod: Pod) => void;
}

export interface Fleet {
  names: string[];
  stats: FleetStats;
  stop(): void;
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const writeConcurrency = options.writeConcurrency ?? 32;
  const abort = new AbortController();
  // Every hollow node's loops wait on this one signal.
  setMaxListeners(0, abort.signal);
  // Every node holds one socket for its long-poll; writes need their own.
  const http = new SimHttp(options.server, { insecureSkipTlsVerify: options.insecureSkipTlsVerify ?? false, maxSockets: options.nodes + writeConcurrency * 2 + 8 });
  const stats: FleetStats = { nodesRegistered: 0, podsReported: 0, deletionsConfirmed: 0, leaseRenewals: 0, errors: 0 };
  const ctx: HollowContext = {
    http,
    joinToken: options.joinToken,
    writes: new Limiter(writeConcurrency),
    heartbeats: new Limiter(Math.max(4, Math.ceil(writeConcurrency / 4))),
    capacity: { cpu: "32", memory: "128Gi", pods: 110, ...options.capacity },
    leaseMs: options.leaseMs ?? 10_000,
    stats,
    signal: abort.signal,
    onPodRunning: options.onPodRunning,
  };
  const prefix = options.prefix ?? "sim-";
  const names = Array.from({ length: options.nodes }, (_, i) => `${prefix}${i}`);
  const stop = () => {
    abort.abort();
    http.close();
  };
  try {
    await Promise.all(names.map((name) => new HollowNode(name, ctx).start()));
  } catch (error) {
    stop();
    throw error;
  }
  return { names, stats, stop };
}
