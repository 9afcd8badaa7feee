// The docker CLI, timed: the baseline users compare Kubeflare against.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function docker(args: string[]): Promise<string> {
  const { stdout } = await run("docker", args, { maxBuffer: 16 * 2 ** 20 });
  return stdout.trim();
}

/** Milliseconds one `docker run -d` takes, from the command to its exit. */
export async function timedDockerRun(args: string[]): Promise<{ ms: number; id: string }> {
  const started = performance.now();
  const id = await docker(["run", "-d", ...args]);
  return { ms: performance.now() - started, id };
}

/** Removes containers carrying `label`, whatever their state. */
export async function removeLabelled(label: string): Promise<void> {
  const ids = (await docker(["ps", "-aq", "--filter", `label=${label}`])).split("\n").filter(Boolean);
  for (let i = 0; i < ids.length; i += 50) await docker(["rm", "-f", ...ids.slice(i, i + 50)]);
}
