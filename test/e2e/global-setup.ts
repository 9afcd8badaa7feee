// Starts one control plane for the whole suite, through the same code as
// `npm start`, on a free port with a throwaway state directory: the e2e run
// never touches the developer's cluster, secrets or kubeconfig.
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { StartError, startControlPlane } from "../../scripts/lib/control-plane.ts";
import type { ControlPlane } from "../../scripts/lib/control-plane.ts";
import { clusterPaths, repoRoot } from "../../scripts/lib/paths.ts";
import { freePort } from "../../scripts/lib/ports.ts";
import type {} from "./helpers/cluster-info.ts";

let cluster: ControlPlane | undefined;
let baseDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  baseDir = await mkdtemp(join(tmpdir(), "kubeflare-e2e-"));
  const workDir = join(baseDir, "work");
  await mkdir(workDir);
  const paths = clusterPaths(repoRoot(), join(baseDir, "cluster"));
  const started = Date.now();
  try {
    cluster = await startControlPlane({
      paths,
      port: await freePort(),
      readyTimeoutMs: 150_000,
      onStatus: (message) => console.log(`[e2e] ${message}`),
    });
  } catch (error) {
    const details = error instanceof StartError && error.details ? `\n${error.details}` : "";
    throw new Error(`the control plane did not start: ${(error as Error).message}${details}`);
  }
  console.log(`[e2e] control plane ready at ${cluster.server} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide("cluster", {
    server: cluster.server,
    token: cluster.secrets.ADMIN_TOKEN,
    kubeconfig: paths.kubeconfig,
    workDir,
  });
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  // Keep the state and wrangler log of a failed run for a post-mortem.
  if (baseDir && !process.env.KUBEFLARE_E2E_KEEP) await rm(baseDir, { recursive: true, force: true });
  else if (baseDir) console.log(`[e2e] kept ${baseDir}`);
}
