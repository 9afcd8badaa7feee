// `npm run bench -- <name> [options]`: runs one benchmark, prints progress,
// and ends with one JSON line of results.
import { cpus, totalmem } from "node:os";
import { runApiBench } from "./api.ts";
import { runConvergeBench } from "./converge.ts";
import { runFootprintBench } from "./footprint.ts";
import { runPodstartBench } from "./podstart.ts";
import { runScaleBench } from "./scale.ts";
import { runSchedulerBench } from "./scheduler.ts";

const BENCHMARKS: Record<string, (argv: string[]) => Promise<Record<string, unknown>>> = {
  api: runApiBench,
  scheduler: runSchedulerBench,
  podstart: runPodstartBench,
  converge: runConvergeBench,
  footprint: runFootprintBench,
  scale: runScaleBench,
};

async function main(): Promise<void> {
  const [name, ...argv] = process.argv.slice(2);
  const bench = name ? BENCHMARKS[name] : undefined;
  if (!bench) {
    console.error(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join("|")}> [options]`);
    process.exit(2);
  }
  console.log(`running ${name} benchmark…`);
  const result = await bench(argv);
  console.log(JSON.stringify({ ...result, machine: machineInfo() }));
}

function machineInfo(): Record<string, unknown> {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    date: new Date().toISOString(),
  };
}

main().catch((error: unknown) => {
  console.error(`benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
