// Benchmarks bring up their own throwaway local control plane (same code path
// as `npm start`) on a free port with a temporary state directory.
import { mkdtemp, rm } from "node:fs/promises";
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
}

export async function withControlPlane<T>(work: (cluster: BenchCluster) => Promise<T>): Promise<T> {
  const stateDir = await mkdtemp(join(tmpdir(), "kubeflare-bench-"));
  const port = await freePort();
  console.log(`  starting a control plane on port ${port}`);
  const plane = await startControlPlane({ paths: clusterPaths(repoRoot(), stateDir), port, onStatus: (m) => console.log(`  ${m}`) });
  try {
    return await work({ server: plane.server, token: plane.secrets.ADMIN_TOKEN, secrets: plane.secrets });
  } finally {
    await plane.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
