// Names on the host derived from the node name. Linux limits interface names
// to 15 characters and iptables chain names to 28, and node names are longer,
// so both carry a short hash of the node name instead of the name itself.
import { createHash } from "node:crypto";

function shortHash(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length).toUpperCase();
}

/** The Docker network a node's pods attach to. */
export function podNetworkName(nodeName: string): string {
  return `kubeflare-${nodeName}`;
}

/** The Linux bridge behind it: "kf-" and 10 hex digits (13 of the 15 allowed characters). */
export function podBridgeName(nodeName: string): string {
  return `kf-${shortHash(nodeName, 10).toLowerCase()}`;
}

/** Prefix of every service-proxy chain one agent owns, e.g. "KF1A2B". */
export function chainPrefix(nodeName: string): string {
  return `KF${shortHash(nodeName, 4)}`;
}

/** A stable per-object chain suffix (kube-proxy hashes the same way). */
export function objectHash(text: string): string {
  return shortHash(text, 12);
}

/** Prefix of the pod network's chains (forwarding and masquerade), apart from the proxy's so each tears down only its own. */
export function podNetworkChainPrefix(nodeName: string): string {
  return `KN${shortHash(nodeName, 4)}`;
}
