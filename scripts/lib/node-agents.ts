// The local cluster's nodes: `npm start -- --nodes N` runs N node agents on
// this machine's Docker engine, each a separate process (its own process
// group, state directory and log), joined with the cluster's join token.
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ControlPlane } from "./control-plane.ts";
import { spawnGroup } from "./process-group.ts";
import type { ProcessGroup } from "./process-group.ts";

export const DEFAULT_NODES = 1;

export interface NodeAgent {
  name: string;
  logFile: string;
  process: ProcessGroup;
}

export function nodeName(index: number): string {
  return `node-${index + 1}`;
}

export async function startNodeAgents(cluster: ControlPlane, count: number): Promise<NodeAgent[]> {
  const launcher = join(cluster.paths.root, "node-agent", "bin", "kubeflare-agent.mjs");
  const agentsDir = join(dirname(cluster.paths.kubeconfig), "agents");
  const agents: NodeAgent[] = [];
  for (let i = 0; i < count; i++) {
    const name = nodeName(i);
    const stateDir = join(agentsDir, name);
    await mkdir(stateDir, { recursive: true });
    const logFile = join(stateDir, "agent.log");
    // Smaller young generation and size-tuned V8: the agent stays under 80 MB with 30 pods.
    const args = ["--optimize-for-size", "--max-semi-space-size=1", launcher, "--server", cluster.server, "--name", name, "--state-dir", stateDir, "--insecure-skip-tls-verify"];
    // The join token travels in the environment, not argv, so `ps` does not show it.
    const env = { ...process.env, KUBEFLARE_JOIN_TOKEN: cluster.secrets.JOIN_TOKEN };
    agents.push({ name, logFile, process: spawnGroup(process.execPath, args, { cwd: cluster.paths.root, env, logFile }) });
  }
  return agents;
}

interface NodeList {
  items?: { metadata?: { name?: string }; status?: { conditions?: { type: string; status: string }[] } }[];
}

/** Names of the nodes that report Ready=True. */
export async function readyNodes(cluster: ControlPlane): Promise<Set<string>> {
  const { request } = await import("node:https");
  const body = await new Promise<string>((resolve, reject) => {
    const req = request(
      new URL("/api/v1/nodes", cluster.server),
      { headers: { authorization: `Bearer ${cluster.secrets.ADMIN_TOKEN}` }, rejectUnauthorized: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve(text));
      },
    );
    req.on("error", reject);
    req.end();
  });
  const list = JSON.parse(body) as NodeList;
  const ready = new Set<string>();
  for (const node of list.items ?? []) {
    if (node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) ready.add(node.metadata?.name ?? "");
  }
  return ready;
}
