// Host-gateway routing between nodes: each other node's podCIDR is reached
// via that node's InternalIP. It needs the nodes on one L2 network (each
// InternalIP a direct neighbour); elsewhere an overlay or VPN must provide
// that (see README.md).
import type { Node } from "../../worker/schema/kinds.ts";
import { isIPv4, parseCidr, formatCidr } from "./cidr.ts";
import { mustRun } from "./exec.ts";
import type { Runner } from "./exec.ts";

/** Routes we add carry this protocol number, so we can find ours again after a crash. */
export const ROUTE_PROTO = "76";

export interface PodRoute {
  cidr: string;
  via: string;
  node: string;
}

export function internalIP(node: Node): string | undefined {
  const addresses = node.status?.addresses ?? [];
  return addresses.find((a) => a.type === "InternalIP" && isIPv4(a.address))?.address;
}

/**
 * The routes this host wants: every other node with a podCIDR and an
 * InternalIP. A node whose InternalIP is one of this host's own addresses
 * (several agents on one machine) is skipped: its bridge already gives the
 * kernel a direct route, which a route "via" ourselves would break.
 */
export function desiredRoutes(nodes: Iterable<Node>, selfName: string, localAddresses: ReadonlySet<string>): PodRoute[] {
  const routes: PodRoute[] = [];
  for (const node of nodes) {
    const name = node.metadata.name ?? "";
    const cidr = node.spec?.podCIDR;
    const via = internalIP(node);
    if (name === selfName || !cidr || !via || localAddresses.has(via)) continue;
    try {
      routes.push({ cidr: formatCidr(parseCidr(cidr)), via, node: name });
    } catch {
      continue;
    }
  }
  return routes.sort((a, b) => (a.cidr < b.cidr ? -1 : 1));
}

export async function localAddresses(run: Runner): Promise<Set<string>> {
  const out = await mustRun(run, "ip", ["-4", "-o", "addr", "show"]);
  const addresses = new Set<string>();
  for (const match of out.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\//g)) addresses.add(match[1]);
  return addresses;
}

/** Our routes in the kernel now: cidr → gateway. */
export async function installedRoutes(run: Runner): Promise<Map<string, string>> {
  const out = await mustRun(run, "ip", ["-4", "route", "show", "proto", ROUTE_PROTO]);
  const routes = new Map<string, string>();
  for (const line of out.split("\n")) {
    const match = /^(\d+\.\d+\.\d+\.\d+\/\d+) via (\d+\.\d+\.\d+\.\d+)/.exec(line.trim());
    if (match) routes.set(match[1], match[2]);
  }
  return routes;
}

/** Brings the kernel's routes of ours to exactly `wanted`. */
export async function applyRoutes(run: Runner, wanted: PodRoute[]): Promise<{ added: PodRoute[]; removed: string[] }> {
  const current = await installedRoutes(run);
  const added: PodRoute[] = [];
  for (const route of wanted) {
    if (current.get(route.cidr) === route.via) continue;
    await mustRun(run, "ip", ["route", "replace", route.cidr, "via", route.via, "proto", ROUTE_PROTO]);
    added.push(route);
  }
  const keep = new Set(wanted.map((r) => r.cidr));
  const removed: string[] = [];
  for (const cidr of current.keys()) {
    if (keep.has(cidr)) continue;
    await run("ip", ["route", "del", cidr, "proto", ROUTE_PROTO]);
    removed.push(cidr);
  }
  return { added, removed };
}
