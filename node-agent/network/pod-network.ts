// The node's pod network: a Docker bridge network holding the node's
// podCIDR (so pod IPs are unique across the cluster), forwarding between pod
// networks and nodes, masquerade only for traffic leaving the cluster CIDR,
// and host-gateway routes to the other nodes' podCIDRs kept in step with the
// Nodes the cluster watch reports.
import { writeFile } from "node:fs/promises";
import type Dockerode from "dockerode";
import type { Logger } from "../log.ts";
import { errorMessage } from "../log.ts";
import { formatCidr, gatewayOf, parseCidr } from "./cidr.ts";
import type { ClusterState } from "./cluster-state.ts";
import { mustRun } from "./exec.ts";
import type { Runner } from "./exec.ts";
import { podBridgeName, podNetworkChainPrefix, podNetworkName } from "./names.ts";
import { applyRoutes, desiredRoutes, localAddresses } from "./routes.ts";

export interface PodNetworkOptions {
  docker: Dockerode;
  nodeName: string;
  /** This node's spec.podCIDR, e.g. 10.244.3.0/24. */
  podCidr: string;
  /** The whole pod address space, e.g. 10.244.0.0/16. */
  clusterCidr: string;
  run: Runner;
  log: Logger;
}

const LABEL_NODE = "io.kubeflare.node";
const LABEL_ROLE = "io.kubeflare.role";

interface Rule {
  table: "nat" | "filter";
  chain: string;
  rule: string[];
}

export class PodNetwork {
  readonly networkName: string;
  readonly bridgeName: string;
  /** The bridge's address: pods' default gateway and the node's DNS resolver. */
  readonly gateway: string;
  readonly podCidr: string;
  private readonly chain: string;
  private unsubscribe: (() => void) | undefined;
  private routeSync: Promise<void> = Promise.resolve();

  constructor(private readonly options: PodNetworkOptions) {
    this.networkName = podNetworkName(options.nodeName);
    this.bridgeName = podBridgeName(options.nodeName);
    this.podCidr = formatCidr(parseCidr(options.podCidr));
    this.gateway = gatewayOf(this.podCidr);
    this.chain = podNetworkChainPrefix(options.nodeName);
  }

  /** Creates the Docker network, or adopts the one an earlier run left. */
  async ensure(): Promise<void> {
    const { docker, log } = this.options;
    const existing = await this.inspect();
    if (existing) {
      const subnet = existing.IPAM?.Config?.[0]?.Subnet;
      if (subnet === this.podCidr) {
        log.info(`adopting pod network ${this.networkName} (${this.podCidr}, bridge ${this.bridgeName})`);
      } else {
        // A node that re-registered got another podCIDR: the old network must go, which needs it empty.
        const attached = Object.keys(existing.Containers ?? {}).length;
        if (attached > 0) throw new Error(`pod network ${this.networkName} has subnet ${subnet}, the node's podCIDR is ${this.podCidr}, and ${attached} containers still use it`);
        log.warn(`pod network ${this.networkName} had subnet ${subnet}; recreating it with ${this.podCidr}`);
        await docker.getNetwork(this.networkName).remove();
        await this.create();
      }
    } else {
      await this.create();
    }
    await this.enableForwarding();
    await this.installRules();
  }

  private async inspect(): Promise<Dockerode.NetworkInspectInfo | undefined> {
    try {
      return (await this.options.docker.getNetwork(this.networkName).inspect()) as Dockerode.NetworkInspectInfo;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  private async create(): Promise<void> {
    await this.options.docker.createNetwork({
      Name: this.networkName,
      Driver: "bridge",
      CheckDuplicate: true,
      IPAM: { Driver: "default", Config: [{ Subnet: this.podCidr, Gateway: this.gateway }] },
      Options: {
        "com.docker.network.bridge.name": this.bridgeName,
        // Docker would masquerade everything leaving the bridge, hiding pod IPs from pods on other nodes; we masquerade only what leaves the cluster.
        "com.docker.network.bridge.enable_ip_masquerade": "false",
      },
      Labels: { [LABEL_NODE]: this.options.nodeName, [LABEL_ROLE]: "pod-network" },
    });
    this.options.log.info(`created pod network ${this.networkName} (${this.podCidr}, gateway ${this.gateway}, bridge ${this.bridgeName})`);
  }

  private async enableForwarding(): Promise<void> {
    await writeFile("/proc/sys/net/ipv4/ip_forward", "1");
    // Service traffic between two pods on one bridge must pass iptables, or replies skip the reverse NAT.
    await writeFile("/proc/sys/net/bridge/bridge-nf-call-iptables", "1").catch((error: unknown) => {
      this.options.log.warn(`cannot enable bridge-nf-call-iptables (is br_netfilter loaded?): ${errorMessage(error)}; pods reaching a Service backed by a pod on the same node may fail`);
    });
  }

  private rules(): Rule[] {
    const { clusterCidr, nodeName } = this.options;
    const tag = ["-m", "comment", "--comment", `kubeflare ${nodeName} pod network`];
    return [
      { table: "filter", chain: `${this.chain}-FORWARD`, rule: ["-s", clusterCidr, ...tag, "-j", "ACCEPT"] },
      { table: "filter", chain: `${this.chain}-FORWARD`, rule: ["-d", clusterCidr, ...tag, "-j", "ACCEPT"] },
      { table: "nat", chain: `${this.chain}-POSTROUTING`, rule: ["-s", this.podCidr, "!", "-d", clusterCidr, "!", "-o", this.bridgeName, ...tag, "-j", "MASQUERADE"] },
    ];
  }

  private hookRules(): Rule[] {
    const tag = ["-m", "comment", "--comment", `kubeflare ${this.options.nodeName} pod network`];
    return [
      { table: "filter", chain: "FORWARD", rule: [...tag, "-j", `${this.chain}-FORWARD`] },
      { table: "nat", chain: "POSTROUTING", rule: [...tag, "-j", `${this.chain}-POSTROUTING`] },
    ];
  }

  private async hasChain(table: string, chain: string): Promise<boolean> {
    return (await this.options.run("iptables", ["-w", "5", "-t", table, "-n", "-L", chain])).code === 0;
  }

  private async installRules(): Promise<void> {
    const { run } = this.options;
    for (const table of ["filter", "nat"] as const) {
      const chains = [...new Set(this.rules().filter((r) => r.table === table).map((r) => r.chain))];
      const lines = [`*${table}`, ...chains.map((c) => `:${c} - [0:0]`)];
      for (const r of this.rules().filter((x) => x.table === table)) lines.push(["-A", r.chain, ...r.rule.map(quote)].join(" "));
      lines.push("COMMIT", "");
      await mustRun(run, "iptables-restore", ["-w", "5", "--noflush"], lines.join("\n"));
    }
    const hooks = this.hookRules();
    // Docker keeps DOCKER-USER ahead of its isolation chains, which would drop traffic between two nodes' bridges on one host.
    if (await this.hasChain("filter", "DOCKER-USER")) hooks.push({ table: "filter", chain: "DOCKER-USER", rule: hooks[0].rule });
    for (const hook of hooks) {
      if ((await run("iptables", ["-w", "5", "-t", hook.table, "-C", hook.chain, ...hook.rule])).code === 0) continue;
      await mustRun(run, "iptables", ["-w", "5", "-t", hook.table, "-I", hook.chain, "1", ...hook.rule]);
    }
  }

  /** Follows the cluster's Nodes, keeping a route to every other node's podCIDR. */
  follow(state: ClusterState): void {
    const sync = () => {
      this.routeSync = this.routeSync.then(() => this.syncRoutes(state)).catch((error: unknown) => {
        this.options.log.warn(`updating pod routes failed: ${errorMessage(error)}`);
      });
    };
    this.unsubscribe = state.subscribe((change) => {
      if (change.kind === "nodes") sync();
    });
    sync();
  }

  async syncRoutes(state: ClusterState): Promise<void> {
    const { run, log, nodeName } = this.options;
    const wanted = desiredRoutes(state.nodes.values(), nodeName, await localAddresses(run));
    const { added, removed } = await applyRoutes(run, wanted);
    for (const r of added) log.info(`route ${r.cidr} via ${r.via} (node ${r.node})`);
    for (const cidr of removed) log.info(`removed route ${cidr}`);
  }

  /** Waits for route updates in flight (tests). */
  settle(): Promise<void> {
    return this.routeSync;
  }

  /**
   * Removes our rules and routes, and the Docker network when no container
   * uses it (pods that outlive the agent keep their addresses for the next start).
   */
  async stop(): Promise<void> {
    const { run, log, docker } = this.options;
    this.unsubscribe?.();
    await this.routeSync;
    const hooks = this.hookRules();
    hooks.push({ table: "filter", chain: "DOCKER-USER", rule: hooks[0].rule });
    for (const hook of hooks) {
      while ((await run("iptables", ["-w", "5", "-t", hook.table, "-D", hook.chain, ...hook.rule])).code === 0) {
        // Every copy.
      }
    }
    for (const table of ["filter", "nat"] as const) {
      const chains = [...new Set(this.rules().filter((r) => r.table === table).map((r) => r.chain))];
      for (const chain of chains) {
        await run("iptables", ["-w", "5", "-t", table, "-F", chain]);
        await run("iptables", ["-w", "5", "-t", table, "-X", chain]);
      }
    }
    // Routes are shared by every agent on this host; the last one out removes them.
    if (!(await this.otherPodBridges())) await applyRoutes(run, []);
    const network = await this.inspect();
    if (network && Object.keys(network.Containers ?? {}).length === 0) {
      await docker.getNetwork(this.networkName).remove().catch((error: unknown) => log.warn(`removing ${this.networkName}: ${errorMessage(error)}`));
    } else if (network) {
      log.info(`leaving pod network ${this.networkName} in place: containers still use it`);
    }
  }

  private async otherPodBridges(): Promise<boolean> {
    const out = await this.options.run("ip", ["-o", "link", "show", "type", "bridge"]);
    const names = [...out.stdout.matchAll(/^\d+: ([^:@]+)/gm)].map((m) => m[1]);
    return names.some((name) => name.startsWith("kf-") && name !== this.bridgeName);
  }
}

function quote(arg: string): string {
  return /\s/.test(arg) ? `"${arg}"` : arg;
}
