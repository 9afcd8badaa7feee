// Node agents (the kubelet's role) are not written yet. `--nodes` already
// exists so the command line stays stable; when node-agent/ lands, start the
// agents here after the API is ready and return their process groups.
import type { ProcessGroup } from "./process-group.ts";

export const NODE_AGENTS_AVAILABLE = false;

export function nodeAgentsUnsupportedReason(count: number): string | undefined {
  if (count === 0 || NODE_AGENTS_AVAILABLE) return undefined;
  return `--nodes ${count}: node agents are not available yet (node-agent/ is coming); use --nodes 0`;
}

export async function startNodeAgents(count: number): Promise<ProcessGroup[]> {
  const reason = nodeAgentsUnsupportedReason(count);
  if (reason) throw new Error(reason);
  return [];
}
