// When a node was last heard from, and until when that keeps it healthy. The
// node's Lease and its Ready condition's lastHeartbeatTime both count, as in
// Kubernetes, where either refreshes the controller's probe timestamp.
import type { Lease, Node } from "../../schema/kinds.ts";
import { NODE_MONITOR_GRACE_MS, NODE_STARTUP_GRACE_MS } from "./settings.ts";

function parseTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export function renewTimeOf(lease: Lease | undefined): number | undefined {
  return parseTime(lease?.spec?.renewTime);
}

export function readyHeartbeatOf(node: Node): number | undefined {
  return parseTime(node.status?.conditions?.find((c) => c.type === "Ready")?.lastHeartbeatTime);
}

/** The moment the node's silence makes it Unknown. */
export function healthDeadline(node: Node, lease: Lease | undefined, nowMs: number): number {
  const hasReady = node.status?.conditions?.some((c) => c.type === "Ready") ?? false;
  const grace = hasReady ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
  const beats = [renewTimeOf(lease), readyHeartbeatOf(node)].filter((t): t is number => t !== undefined);
  // A node that never sent a heartbeat is timed from its registration.
  const last = beats.length ? Math.max(...beats) : (parseTime(node.metadata.creationTimestamp) ?? nowMs);
  return last + grace;
}
