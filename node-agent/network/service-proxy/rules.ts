// kube-proxy's iptables mode as iptables-restore input, for one agent's own
// chains (all named with its prefix). The text is a pure function of the
// routes, so a full sync is cheap to compute and easy to test; it is applied
// with --noflush, which flushes only the chains it declares.
import { objectHash } from "../names.ts";
import type { ServicePortRoute } from "./model.ts";

/** The packet mark kube-proxy uses for "masquerade me on the way out". */
export const MASQ_MARK = "0x4000/0x4000";

export interface ChainNames {
  services: string;
  nodePorts: string;
  postrouting: string;
  markMasq: string;
  /** filter table: REJECT for services that have no ready backend. */
  reject: string;
}

export function baseChains(prefix: string): ChainNames {
  return {
    services: `${prefix}-SERVICES`,
    nodePorts: `${prefix}-NODEPORTS`,
    postrouting: `${prefix}-POSTROUTING`,
    markMasq: `${prefix}-MARK-MASQ`,
    reject: `${prefix}-REJECT`,
  };
}

export interface RuleSet {
  /** iptables-restore input for the nat table. */
  nat: string;
  /** iptables-restore input for the filter table. */
  filter: string;
  /** The per-service and per-endpoint nat chains this sync wants. */
  natChains: string[];
}

export interface RuleOptions {
  prefix: string;
  /** Traffic from outside it to a ClusterIP is masqueraded, so replies come back through this node. */
  clusterCidr: string;
  routes: ServicePortRoute[];
  /** Chains of ours that exist now (from iptables-save) and are no longer wanted: flushed and deleted. */
  existingNatChains?: string[];
}

function svcChain(prefix: string, route: ServicePortRoute): string {
  return `${prefix}-SVC-${objectHash(`${route.key}/${route.protocol}`)}`;
}

function sepChain(prefix: string, route: ServicePortRoute, ip: string, port: number): string {
  return `${prefix}-SEP-${objectHash(`${route.key}/${route.protocol}/${ip}:${port}`)}`;
}

function comment(text: string): string {
  // Quoted for iptables-restore's own tokenizer; names from the cluster hold no quotes (DNS labels).
  return `-m comment --comment "${text.replace(/"/g, "")}"`;
}

export function buildRules(options: RuleOptions): RuleSet {
  const { prefix, clusterCidr, routes } = options;
  const chains = baseChains(prefix);
  const natChains: string[] = [];
  const nat: string[] = [];
  const filter: string[] = [];

  nat.push(`-A ${chains.markMasq} -j MARK --set-xmark ${MASQ_MARK}`);
  nat.push(`-A ${chains.postrouting} -m mark ! --mark ${MASQ_MARK} -j RETURN`);
  // Clear the mark, so a packet re-entering the stack (a tunnel) is not masqueraded twice.
  nat.push(`-A ${chains.postrouting} -j MARK --set-xmark 0x4000/0x0`);
  nat.push(`-A ${chains.postrouting} ${comment("kubeflare service traffic requiring SNAT")} -j MASQUERADE`);

  for (const route of routes) {
    const p = route.protocol;
    const svc = svcChain(prefix, route);
    const label = `${route.key}`;
    if (route.backends.length === 0) {
      // kube-proxy answers at once rather than letting the connection time out.
      if (route.clusterIP) filter.push(`-A ${chains.reject} -d ${route.clusterIP}/32 -p ${p} -m ${p} --dport ${route.port} ${comment(`${label} has no endpoints`)} -j REJECT`);
      if (route.nodePort) filter.push(`-A ${chains.reject} -m addrtype --dst-type LOCAL -p ${p} -m ${p} --dport ${route.nodePort} ${comment(`${label} has no endpoints`)} -j REJECT`);
      continue;
    }
    natChains.push(svc);
    if (route.clusterIP) {
      nat.push(`-A ${chains.services} ! -s ${clusterCidr} -d ${route.clusterIP}/32 -p ${p} -m ${p} --dport ${route.port} ${comment(`${label} cluster IP`)} -j ${chains.markMasq}`);
      nat.push(`-A ${chains.services} -d ${route.clusterIP}/32 -p ${p} -m ${p} --dport ${route.port} ${comment(`${label} cluster IP`)} -j ${svc}`);
    }
    if (route.nodePort) {
      // The backend may be on another node: masquerade so its reply returns through this one.
      nat.push(`-A ${chains.nodePorts} -p ${p} -m ${p} --dport ${route.nodePort} ${comment(label)} -j ${chains.markMasq}`);
      nat.push(`-A ${chains.nodePorts} -p ${p} -m ${p} --dport ${route.nodePort} ${comment(label)} -j ${svc}`);
    }
    const seps = route.backends.map((b) => ({ ...b, chain: sepChain(prefix, route, b.ip, b.port) }));
    if (route.affinitySeconds !== undefined) {
      // A client seen recently goes back to the backend it had.
      for (const sep of seps) {
        nat.push(`-A ${svc} ${comment(`${label} -> ${sep.ip}:${sep.port}`)} -m recent --name ${sep.chain} --mask 255.255.255.255 --rsource --rcheck --seconds ${route.affinitySeconds} --reap -j ${sep.chain}`);
      }
    }
    seps.forEach((sep, i) => {
      const remaining = seps.length - i;
      // 1/n, then 1/(n-1) of the rest, … spreads evenly; the last takes what is left.
      const pick = remaining > 1 ? ` -m statistic --mode random --probability ${(1 / remaining).toFixed(10)}` : "";
      nat.push(`-A ${svc} ${comment(`${label} -> ${sep.ip}:${sep.port}`)}${pick} -j ${sep.chain}`);
    });
    for (const sep of seps) {
      natChains.push(sep.chain);
      // A pod reaching itself through its Service (hairpin) needs SNAT to get the reply.
      nat.push(`-A ${sep.chain} -s ${sep.ip}/32 ${comment(label)} -j ${chains.markMasq}`);
      const recent = route.affinitySeconds !== undefined ? ` -m recent --name ${sep.chain} --mask 255.255.255.255 --rsource --set` : "";
      nat.push(`-A ${sep.chain} -p ${p} ${comment(label)}${recent} -m ${p} -j DNAT --to-destination ${sep.ip}:${sep.port}`);
    }
  }
  // Last, so ClusterIP rules win: any local address is a NodePort address.
  nat.push(`-A ${chains.services} -m addrtype --dst-type LOCAL ${comment("kubeflare service nodeports")} -j ${chains.nodePorts}`);

  const wanted = new Set([chains.services, chains.nodePorts, chains.postrouting, chains.markMasq, ...natChains]);
  const stale = (options.existingNatChains ?? []).filter((c) => c.startsWith(`${prefix}-`) && !wanted.has(c));
  const natText = [
    "*nat",
    ...[...wanted, ...stale].map((c) => `:${c} - [0:0]`),
    ...nat,
    ...stale.map((c) => `-X ${c}`),
    "COMMIT",
    "",
  ].join("\n");
  const filterText = ["*filter", `:${chains.reject} - [0:0]`, ...filter, "COMMIT", ""].join("\n");
  return { nat: natText, filter: filterText, natChains };
}

/** The restore input that empties and deletes every chain of ours (after the hooks are gone). */
export function teardownRules(table: "nat" | "filter", chains: string[]): string {
  return [`*${table}`, ...chains.map((c) => `:${c} - [0:0]`), ...chains.map((c) => `-X ${c}`), "COMMIT", ""].join("\n");
}
