// Where sandbox creation finds its node's pod network. Keyed by node name
// because the sandbox code paths know the node name (and the pod's
// spec.nodeName) but are not handed the network; several agents in one
// process (tests, simulations) each register their own. A node without a
// registered network keeps Docker's default bridge and DNS.
import type { Pod } from "../../worker/schema/kinds.ts";
import type { DnsConfig } from "./dns/resolv-conf.ts";

export interface SandboxNetwork {
  /** The Docker network sandboxes attach to. */
  networkName: string;
  dnsFor(pod: Pod): DnsConfig;
}

const networks = new Map<string, SandboxNetwork>();

export function registerSandboxNetwork(nodeName: string, network: SandboxNetwork): void {
  networks.set(nodeName, network);
}

export function unregisterSandboxNetwork(nodeName: string, network: SandboxNetwork): void {
  if (networks.get(nodeName) === network) networks.delete(nodeName);
}

export function sandboxNetworkFor(nodeName: string | undefined): SandboxNetwork | undefined {
  return nodeName ? networks.get(nodeName) : undefined;
}
