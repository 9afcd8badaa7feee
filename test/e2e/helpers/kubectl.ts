// Runs the real kubectl against the suite's cluster, with a per-run cache
// directory so discovery from other clusters never leaks in.
import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { inject } from "vitest";

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  kubeconfig?: string;
  cacheDir?: string;
  input?: string;
  timeoutMs?: number;
}

export const KUBECTL = process.env.KUBECTL ?? "kubectl";

function baseArgs(options: KubectlOptions): string[] {
  const cluster = inject("cluster");
  return [
    "--kubeconfig", options.kubeconfig ?? cluster.kubeconfig,
    "--cache-dir", options.cacheDir ?? join(cluster.workDir, "kube-cache"),
  ];
}

export function kubectl(args: string[], options: KubectlOptions = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      KUBECTL,
      [...baseArgs(options), ...args],
      { timeout: options.timeoutMs ?? 45_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** kubectl that must succeed: the failure message carries the command and its output. */
export async function kubectlOk(args: string[], options: KubectlOptions = {}): Promise<string> {
  const result = await kubectl(args, options);
  if (result.code !== 0) {
    throw new Error(`kubectl ${args.join(" ")} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
  return result.stdout;
}

export interface Background {
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): void;
}

/** A long-running kubectl (e.g. `get -w`) whose output tests wait on. */
export function kubectlBackground(args: string[], options: KubectlOptions = {}): Background {
  const child = spawn(KUBECTL, [...baseArgs(options), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((check) => check());
  child.stdout.on("data", (chunk: Buffer) => ((out += chunk.toString()), notify()));
  child.stderr.on("data", (chunk: Buffer) => ((err += chunk.toString()), notify()));
  let exited = false;
  child.on("exit", () => ((exited = true), notify()));
  return {
    output: () => out,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern}`)), timeoutMs);
        const done = (error?: Error, line?: string) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(new Error(`${error.message}\nkubectl ${args.join(" ")}\nstdout: ${out}\nstderr: ${err}`));
          else resolve(line ?? "");
        };
        const check = () => {
          const line = out.split("\n").find((l) => pattern.test(l));
          if (line !== undefined) done(undefined, line);
          else if (exited) done(new Error(`kubectl exited before ${pattern}`));
        };
        waiters.add(check);
        check();
      });
    },
    stop() {
      child.kill("SIGTERM");
    },
  };
}
