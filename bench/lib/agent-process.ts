// Runs the real node agent (node-agent/cli.ts) as its own process, the way a
// user would, so its latency and memory are measured apart from the
// benchmark's own work. Waits until its Node reports Ready.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/paths.ts";
import type { BenchClient } from "./http.ts";

export interface AgentProcess {
  pid: number;
  nodeName: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface AgentProcessOptions {
  server: string;
  joinToken: string;
  nodeName: string;
  /** Extra node arguments before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  agentArgs?: string[];
  /** Debug logging in the agent's log (timelines of slow pods). */
  verbose?: boolean;
  /** A compiled cli.js to run instead of the TypeScript source through tsx. */
  compiledEntry?: string;
}

export async function startAgentProcess(http: BenchClient, options: AgentProcessOptions): Promise<AgentProcess> {
  const stateDir = await mkdtemp(join(tmpdir(), `kf-bench-agent-${options.nodeName}-`));
  // Outside the state directory, which is removed at the end: the log outlives the run.
  const logFile = join(tmpdir(), `kubeflare-bench-agent-${options.nodeName}.log`);
  const log = createWriteStream(logFile);
  const root = repoRoot();
  const child: ChildProcess = spawn(process.execPath, [
    ...(options.nodeArgs ?? []),
    ...(options.compiledEntry ? [options.compiledEntry] : ["--import", "tsx", join(root, "node-agent", "cli.ts")]),
    "--server", options.server,
    "--token", options.joinToken,
    "--name", options.nodeName,
    "--state-dir", stateDir,
    "--insecure-skip-tls-verify",
    ...(options.verbose ? ["--verbose"] : []),
    ...(options.agentArgs ?? []),
  ], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
    await rm(stateDir, { recursive: true, force: true }).catch(() => {});
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the agent exited with code ${child.exitCode}; see ${logFile}`);
    const res = await http.send("GET", `/api/v1/nodes/${options.nodeName}`);
    if (res.status === 200) {
      const node = JSON.parse(res.body) as { status?: { conditions?: { type: string; status: string }[] } };
      if (node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) break;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`node ${options.nodeName} did not become Ready within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { pid: child.pid ?? 0, nodeName: options.nodeName, logFile, stop };
}
