// The agent compiled to plain JavaScript with the project's own TypeScript,
// as a deployment would run it: tsx's in-process compiler alone adds about
// 45 MiB of resident memory, which says nothing about the agent.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../scripts/lib/paths.ts";

const run = promisify(execFile);

/** Compiles the project into node_modules/.cache (so imports still resolve) and returns the agent's entry point. */
export async function compileAgent(): Promise<string> {
  const root = repoRoot();
  const out = join(root, "node_modules", ".cache", "kubeflare-bench", "agent-js");
  const entry = join(out, "node-agent", "cli.js");
  await rm(out, { recursive: true, force: true });
  try {
    await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", root, "--outDir", out, "--noEmit", "false", "--rewriteRelativeImportExtensions", "--sourceMap", "false"], { cwd: root });
  } catch (error) {
    // Type errors elsewhere in the checkout (work in progress) still emit JavaScript; only a missing agent is fatal.
    if (!existsSync(entry)) throw error;
    console.log("  note: tsc reported type errors; the agent was still emitted");
  }
  // The cache lies outside the project's package scope; this keeps the output ES modules.
  await writeFile(join(out, "package.json"), '{ "type": "module" }\n');
  return entry;
}
