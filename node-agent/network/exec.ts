// Running the host's network tools (ip, iptables-restore). Arguments are
// passed as an array, never through a shell, so names from the cluster
// cannot inject commands.
import { spawn } from "node:child_process";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Runner = (command: string, args: string[], input?: string) => Promise<RunResult>;

/** Runs a command; `prefix` wraps it (e.g. ["ip", "netns", "exec", "hostA"]) for tests that drive another namespace. */
export function commandRunner(prefix: string[] = []): Runner {
  return (command, args, input) =>
    new Promise<RunResult>((resolve, reject) => {
      const argv = [...prefix, command, ...args];
      const child = spawn(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
      // A tool that exits without reading its input closes the pipe; that is not our error.
      child.stdin.on("error", () => {});
      child.stdin.end(input ?? "");
    });
}

/** Runs and throws with the tool's own message on a non-zero exit. */
export async function mustRun(run: Runner, command: string, args: string[], input?: string): Promise<string> {
  const result = await run(command, args, input);
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")}: exit ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}
