// Everything the node does for Services and the pod network, assembled:
// the cluster watch feeds one ClusterState that the pod network (routes),
// the service proxy (iptables) and the cluster DNS read. The agent starts it
// after registration (it needs the node's podCIDR) and asks it for each
// pod's DNS configuration and for the Docker network sandboxes join.
import { readFile } from "node:fs/promises";
import type Dockerode from "dockerode";
import type { Pod } from "../../worker/schema/kinds.ts";
import type { HttpClient } from "../control-plane/http-client.ts";
import type { Logger } from "../log.ts";
import { errorMessage } from "../log.ts";
import { ClusterState } from "./cluster-state.ts";
import { ClusterWatch } from "./cluster-watch.ts";
import type { TokenSource, WatchTiming } from "./cluster-watch.ts";
import { parseResolvConf, podDnsConfig, CLUSTER_DOMAIN } from "./dns/resolv-conf.ts";
import type { DnsConfig } from "./dns/resolv-conf.ts";
import { ClusterDnsServer } from "./dns/server.ts";
import type { Upstream } from "./dns/forwarder.ts";
import { commandRunner } from "./exec.ts";
import type { Runner } from "./exec.ts";
import { PodNetwork } from "./pod-network.ts";
import { registerSandboxNetwork, unregisterSandboxNetwork } from "./registry.ts";
import { ServiceProxy } from "./service-proxy/proxier.ts";
import type { SyncResult } from "./service-proxy/proxier.ts";

export const DEFAULT_CLUSTER_CIDR = "10.244.0.0/16";

export interface NodeNetworkOptions {
  docker: Dockerode;
  nodeName: string;
  /** The registered Node's spec.podCIDR. */
  podCidr: string;
  clusterCidr?: string;
  clusterDomain?: string;
  /** Control plane access with the node credential; omit to drive `state` directly (tests). */
  api?: { http: HttpClient; tokens: TokenSource; timing?: WatchTiming };
  /** Defaults to the host's /etc/resolv.conf nameservers on port 53. */
  upstreams?: Upstream[];
  resolvConfPath?: string;
  /** 53 unless a test needs another. */
  dnsPort?: number;
  run?: Runner;
  log: Logger;
  onProxySynced?: (result: SyncResult) => void;
}

export interface NodeNetwork {
  state: ClusterState;
  podNetwork: PodNetwork;
  proxy: ServiceProxy;
  dns: ClusterDnsServer;
  watch?: ClusterWatch;
  /** The Docker network sandboxes attach to. */
  networkName: string;
  /** The node's cluster resolver address (the pod network's gateway). */
  resolverIp: string;
  /** Resolves when rules reflect a first full view of the cluster. */
  ready: Promise<void>;
  /** The sandbox DNS settings for a pod (dnsPolicy and dnsConfig applied). */
  dnsFor(pod: Pod): DnsConfig;
  stop(): Promise<void>;
}

export async function startNodeNetwork(options: NodeNetworkOptions): Promise<NodeNetwork> {
  const log = options.log;
  const run = options.run ?? commandRunner();
  const clusterCidr = options.clusterCidr ?? DEFAULT_CLUSTER_CIDR;
  const hostResolv = parseResolvConf(await readFile(options.resolvConfPath ?? "/etc/resolv.conf", "utf8").catch(() => ""));
  const state = new ClusterState();

  const podNetwork = new PodNetwork({ docker: options.docker, nodeName: options.nodeName, podCidr: options.podCidr, clusterCidr, run, log: log.child("pod-network") });
  await podNetwork.ensure();

  const upstreams = options.upstreams ?? hostResolv.servers.filter((s) => !s.includes(":")).map((host) => ({ host, port: 53 }));
  const dns = new ClusterDnsServer(state, { host: podNetwork.gateway, port: options.dnsPort ?? 53, upstreams, clusterDomain: options.clusterDomain, log: log.child("dns") });
  await dns.start();

  const proxy = new ServiceProxy(state, { nodeName: options.nodeName, clusterCidr, run, log: log.child("proxy"), onSynced: options.onProxySynced });
  const watch = options.api ? new ClusterWatch(options.api.http, options.api.tokens, state, log.child("watch"), options.api.timing) : undefined;
  watch?.start();
  // Rules and routes wait for a first full view: installing from an empty one would drop what a previous run left for running pods.
  let stopped = false;
  const ready = (watch ? watch.synced : Promise.resolve()).then(async () => {
    if (stopped) return;
    await proxy.start();
    if (!stopped) podNetwork.follow(state);
  });
  ready.catch((error: unknown) => log.error(`starting service rules: ${errorMessage(error)}`));

  const clusterDomain = options.clusterDomain ?? CLUSTER_DOMAIN;
  const sandboxNetwork = { networkName: podNetwork.networkName, dnsFor: (pod: Pod) => podDnsConfig(pod, podNetwork.gateway, hostResolv, clusterDomain) };
  registerSandboxNetwork(options.nodeName, sandboxNetwork);
  return {
    state,
    podNetwork,
    proxy,
    dns,
    watch,
    networkName: podNetwork.networkName,
    resolverIp: podNetwork.gateway,
    ready,
    dnsFor: sandboxNetwork.dnsFor,
    async stop() {
      stopped = true;
      unregisterSandboxNetwork(options.nodeName, sandboxNetwork);
      await watch?.stop();
      await dns.stop();
      await proxy.stop().catch((error: unknown) => log.warn(`removing service rules: ${errorMessage(error)}`));
      await podNetwork.stop().catch((error: unknown) => log.warn(`removing the pod network: ${errorMessage(error)}`));
    },
  };
}
