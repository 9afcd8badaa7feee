// Brings up one local control plane: secrets, `wrangler dev` over https in its
// own process group, readiness, then the kubeconfig. `npm start` and the e2e
// harness both go through here, so tests exercise the path developers use.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ensureDevVars } from "./dev-vars.ts";
import type { DevSecrets } from "./dev-vars.ts";
import { removeKubeconfig, writeKubeconfig } from "./kubeconfig.ts";
import { buildErrorSince, errorExcerpt } from "./log-tail.ts";
import type { ClusterPaths } from "./paths.ts";
import { portIsFree } from "./ports.ts";
import { spawnGroup } from "./process-group.ts";
import type { GroupExit, ProcessGroup } from "./process-group.ts";
import { waitForReady } from "./readiness.ts";

export const LOCAL_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8787;

export interface StartOptions {
  paths: ClusterPaths;
  port: number;
  readyTimeoutMs?: number;
  /** Aborting stops the server and rejects (Ctrl-C while starting). */
  signal?: AbortSignal;
  /** Short progress lines for a person (or a test log). */
  onStatus?: (message: string) => void;
  /** Worker variables overriding wrangler.toml's [vars] (e.g. a larger CLUSTER_CIDR for benchmarks with many nodes). */
  vars?: Record<string, string>;
}

export interface ControlPlane {
  server: string;
  secrets: DevSecrets;
  paths: ClusterPaths;
  process: ProcessGroup;
  stop(): Promise<void>;
}

export class StartError extends Error {
  constructor(message: string, readonly details = "") {
    super(message);
  }
}

function wranglerBin(root: string): string {
  const bin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
  if (!existsSync(bin)) throw new StartError(`wrangler is not installed (${bin} is missing): run npm install`);
  return bin;
}

/** Probe errors in words: before wrangler listens, refusals are expected. */
function friendly(probeError: string): string {
  if (probeError.includes("ECONNREFUSED")) return "wrangler is starting";
  if (probeError === "timed out") return "wrangler is still building";
  return probeError;
}

function describeExit({ code, signal }: GroupExit): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

export async function startControlPlane(options: StartOptions): Promise<ControlPlane> {
  const { paths, port } = options;
  const status = options.onStatus ?? (() => {});
  // A kubeconfig left by an earlier run would tell waiting scripts the
  // cluster is up before it is.
  await removeKubeconfig(paths.kubeconfig);

  const { secrets, created } = await ensureDevVars(paths.devVars);
  status(created.length > 0 ? `generated ${created.join(", ")} in ${paths.devVars}` : `using secrets from ${paths.devVars}`);

  if (!(await portIsFree(port, LOCAL_HOST))) {
    throw new StartError(`port ${port} on ${LOCAL_HOST} is in use (another cluster running?); choose one with --port`);
  }
  await mkdir(paths.persistDir, { recursive: true });
  await mkdir(dirname(paths.wranglerLog), { recursive: true });

  const args = [
    wranglerBin(paths.root),
    "dev",
    "--local-protocol", "https",
    "--ip", LOCAL_HOST,
    "--port", String(port),
    "--persist-to", paths.persistDir,
    // Secrets come from our own file so a state directory never reads (or
    // needs) the checkout's .dev.vars; with --env-file wrangler skips it.
    "--env-file", paths.devVars,
    "--show-interactive-dev-session=false",
    "--log-level", "info",
    ...Object.entries(options.vars ?? {}).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: "false",
    // Request.cf comes from the network; offline machines would log a stack trace each start.
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
  // Otherwise wrangler would pass this shell's whole environment as secrets.
  delete env.CLOUDFLARE_INCLUDE_PROCESS_ENV;

  status(`starting wrangler dev on https://${LOCAL_HOST}:${port} (log: ${paths.wranglerLog})`);
  const group = spawnGroup(process.execPath, args, { cwd: paths.root, env, logFile: paths.wranglerLog });
  const server = `https://${LOCAL_HOST}:${port}`;

  const earlyExit = group.exited.then(async (exit): Promise<never> => {
    throw new StartError(`wrangler ${describeExit(exit)} before the API answered`, await errorExcerpt(paths.wranglerLog));
  });
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = () => reject(new StartError("start cancelled"));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
  });
  const stopWaiting = Promise.race([earlyExit, aborted]);
  // Keeps an unobserved rejection from crashing the process after readiness.
  stopWaiting.catch(() => {});

  let lastNote = 0;
  let logOffset = 0;
  try {
    await waitForReady(server, {
      timeoutMs: options.readyTimeoutMs ?? 120_000,
      abort: stopWaiting,
      onAttempt: async (_attempt, lastError) => {
        const scan = await buildErrorSince(paths.wranglerLog, logOffset);
        logOffset = scan.offset;
        if (scan.error) {
          status(`wrangler reported an error (it rebuilds when files change):\n${scan.error.replace(/^/gm, "    ")}`);
        }
        // One line every ~5 s: enough to show life without wrangler's noise.
        if (Date.now() - lastNote < 5_000) return;
        lastNote = Date.now();
        status(`waiting for the API (${friendly(lastError)})`);
      },
    });
  } catch (error) {
    await group.stop();
    if (error instanceof StartError) throw error;
    throw new StartError((error as Error).message, await errorExcerpt(paths.wranglerLog));
  }

  await writeKubeconfig(paths.kubeconfig, { server, token: secrets.ADMIN_TOKEN });
  return {
    server,
    secrets,
    paths,
    process: group,
    async stop() {
      await group.stop();
    },
  };
}
