// Benchmarks bring up their own throwaway local control plane (same code path
// as `npm start`) on a free port with a temporary state directory.
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startControlPlane } from "../../scripts/lib/control-plane.ts";
import { clusterPaths, repoRoot } from "../../scripts/lib/paths.ts";
import { freePort } from "../../scripts/lib/ports.ts";
import type { DevSecrets } from "../../scripts/lib/dev-vars.ts";

export interface BenchCluster {
  server: string;
  token: string;
  secrets: DevSecrets;
  joinToken: string;
  /** wrangler's process group; its workerd children are the control plane's CPU. */
  groupPid: number;
}

export interface PlaneOptions {
  /** Worker variables, e.g. CLUSTER_CIDR for more than 256 nodes. */
  vars?: Record<string, string>;
}

/** Enough /24 pod ranges for 65,536 nodes. */
export const LARGE_CLUSTER_CIDR = { CLUSTER_CIDR: "10.0.0.0/8" };

export async function withControlPlane<T>(work: (cluster: BenchCluster) => Promise<T>, options: PlaneOptions = {}): Promise<T> {
  const stateDir = await mkdtemp(join(tmpdir(), "kubeflare-bench-"));
  const port = await freePort();
  console.log(`  starting a control plane on port ${port}`);
  const plane = await startControlPlane({ paths: clusterPaths(repoRoot(), stateDir), port, vars: options.vars, onStatus: (m) => console.log(`  ${m}`) });
  try {
    return await work({ server: plane.server, token: plane.secrets.ADMIN_TOKEN, secrets: plane.secrets, joinToken: plane.secrets.JOIN_TOKEN, groupPid: plane.process.pid });
  } catch (error) {
    // The server's log explains most failures (a restarted worker, an exception); keep it.
    const kept = join(tmpdir(), `kubeflare-bench-wrangler-${Date.now()}.log`);
    await copyFile(plane.paths.wranglerLog, kept).catch(() => {});
    console.log(`  control plane log kept in ${kept}`);
    throw error;
  } finally {
    await plane.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
