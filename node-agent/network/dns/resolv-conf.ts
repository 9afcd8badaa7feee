// A pod's resolver configuration as kubelet derives it from dnsPolicy and
// dnsConfig: ClusterFirst points at the node's cluster resolver with the
// namespace's search path and ndots:5; Default copies the host; None starts
// empty; dnsConfig is then merged on top.
import type { Pod } from "../../../worker/schema/kinds.ts";

export interface DnsConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

export const CLUSTER_DOMAIN = "cluster.local";

// The limits kubelet enforces (glibc ≥ 2.26 limits).
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;

export function parseResolvConf(text: string): DnsConfig {
  const config: DnsConfig = { servers: [], searches: [], options: [] };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/[#;].*$/, "").trim();
    const [key, ...values] = line.split(/\s+/);
    if (key === "nameserver" && values[0]) config.servers.push(values[0]);
    // The last search or domain line wins, as in the resolver.
    else if (key === "search") config.searches = values;
    else if (key === "domain" && values[0]) config.searches = [values[0]];
    else if (key === "options") config.options.push(...values);
  }
  return config;
}

function optionName(option: string): string {
  return option.split(":")[0];
}

function mergeOptions(base: string[], extra: string[]): string[] {
  const byName = new Map<string, string>();
  for (const option of [...base, ...extra]) byName.set(optionName(option), option);
  return [...byName.values()];
}

function limitSearches(searches: string[]): string[] {
  const unique = [...new Set(searches.filter(Boolean))];
  const kept: string[] = [];
  let chars = 0;
  for (const search of unique) {
    if (kept.length >= MAX_SEARCHES || chars + search.length + 1 > MAX_SEARCH_CHARS) break;
    kept.push(search);
    chars += search.length + 1;
  }
  return kept;
}

export function podDnsConfig(pod: Pod, nodeResolverIp: string, hostResolvConf: DnsConfig, clusterDomain = CLUSTER_DOMAIN): DnsConfig {
  const spec = pod.spec;
  const namespace = pod.metadata.namespace ?? "default";
  let policy = spec?.dnsPolicy ?? "ClusterFirst";
  // A host-network pod on ClusterFirst uses the host's resolvers; ClusterFirstWithHostNet opts back in.
  if (spec?.hostNetwork && policy === "ClusterFirst") policy = "Default";
  if (policy === "ClusterFirstWithHostNet") policy = "ClusterFirst";

  let config: DnsConfig;
  if (policy === "ClusterFirst") {
    config = {
      servers: [nodeResolverIp],
      searches: [`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain, ...hostResolvConf.searches],
      options: ["ndots:5"],
    };
  } else if (policy === "None") {
    config = { servers: [], searches: [], options: [] };
  } else {
    config = { servers: [...hostResolvConf.servers], searches: [...hostResolvConf.searches], options: [...hostResolvConf.options] };
  }

  const extra = spec?.dnsConfig;
  if (extra) {
    config.servers = [...config.servers, ...(extra.nameservers ?? [])];
    config.searches = [...config.searches, ...(extra.searches ?? [])];
    config.options = mergeOptions(
      config.options,
      (extra.options ?? []).filter((o) => o.name).map((o) => (o.value !== undefined && o.value !== null ? `${o.name}:${o.value}` : (o.name ?? ""))),
    );
  }
  return {
    servers: [...new Set(config.servers)].slice(0, MAX_NAMESERVERS),
    searches: limitSearches(config.searches),
    options: config.options,
  };
}
