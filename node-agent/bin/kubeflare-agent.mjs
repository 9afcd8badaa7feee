#!/usr/bin/env -S node --optimize-for-size
// kubeflare-agent launcher (plain JavaScript so it runs without a loader).
// The agent is TypeScript. Compiling it at every start through tsx's loader
// keeps ~30 MB resident for the life of the process, so instead the launcher
// bundles node-agent/cli.ts and its packages with esbuild (installed with
// tsx; ~0.5 s) into node_modules/.cache and runs the bundle. Parts of
// dockerode the agent never uses (SSH transport, BuildKit sessions) are left
// out, which saves another ~15 MB; --optimize-for-size trims V8's heap.
// Falls back to tsx if esbuild is missing.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";

// Also when started as `node kubeflare-agent.mjs` (without the shebang's flag):
// V8 applies it to the heap from here on.
if (!process.execArgv.includes("--optimize-for-size")) setFlagsFromString("--optimize-for-size");

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, "..", "cli.ts");
const root = resolve(here, "..", "..");

function bundled() {
  let esbuild;
  try {
    esbuild = createRequire(import.meta.url).resolve("esbuild/bin/esbuild");
  } catch {
    return undefined;
  }
  const outDir = join(root, "node_modules", ".cache", "kubeflare-agent");
  mkdirSync(outDir, { recursive: true });
  // One file per process: agents starting together must not overwrite each other's bundle.
  const outfile = join(outDir, `cli-${process.pid}.mjs`);
  // A separate process, so esbuild's own module never occupies the agent's memory.
  const absent = join(here, "absent-module.cjs");
  execFileSync(
    esbuild,
    [
      entry,
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--target=node20",
      "--log-level=error",
      `--outfile=${outfile}`,
      `--alias:ssh2=${absent}`,
      `--alias:@grpc/grpc-js=${absent}`,
      `--alias:@grpc/proto-loader=${absent}`,
      // ws loads these optional native helpers if present.
      "--external:bufferutil",
      "--external:utf-8-validate",
      // Bundled CommonJS packages call require(); ESM output needs one.
      "--banner:js=import { createRequire as __kfRequire } from 'node:module'; const require = __kfRequire(import.meta.url);",
    ],
    { stdio: "inherit" },
  );
  return outfile;
}

const outfile = bundled();
if (outfile) {
  // The CLI may exit while its module is still evaluating (--help, bad flags).
  process.on("exit", () => rmSync(outfile, { force: true }));
  await import(pathToFileURL(outfile).href);
  rmSync(outfile, { force: true });
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}
