// `npm run bench -- footprint [--pods 30] [--settle 20]`: resident memory
// (VmRSS from /proc/<pid>/status) of one real agent process, idle and then
// running N pods on Docker, sampled after the pods are Ready and the agent
// has gone through a few heartbeat and resync cycles.
import { startAgentProcess } from "./lib/agent-process.ts";
import { compileAgent } from "./lib/compiled-agent.ts";
import { withControlPlane } from "./lib/control-plane.ts";
import { removeLabelled } from "./lib/docker-cli.ts";
import { BenchClient } from "./lib/http.ts";
import { processMemory } from "./lib/memory.ts";
import type { Memory } from "./lib/memory.ts";
import { integerOption } from "./lib/options.ts";
import { createNamespace, deployment } from "./lib/workloads.ts";
import { BENCH_IMAGE } from "./podstart.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readyPods(http: BenchClient, namespace: string): Promise<number> {
  const res = await http.send("GET", `/api/v1/namespaces/${namespace}/pods`);
  const list = JSON.parse(res.body) as { items: { status?: { conditions?: { type: string; status: string }[] } }[] };
  return list.items.filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
}

export async function runFootprintBench(argv: string[]): Promise<Record<string, unknown>> {
  const pods = integerOption(argv, "pods", 30);
  const settle = integerOption(argv, "settle", 20);
  // --tsx: run the TypeScript source through tsx (as `npx tsx node-agent/cli.ts` does) instead of compiled JavaScript.
  const viaTsx = argv.includes("--tsx");
  const compiledEntry = viaTsx ? undefined : await compileAgent();
  // --semi-space MiB: V8's young generation cap for the agent (Node's default lets it grow to 16 MiB per semi-space).
  const semiSpace = argv.includes("--semi-space") ? integerOption(argv, "semi-space", 1) : undefined;
  const nodeArgs = semiSpace ? [`--max-semi-space-size=${semiSpace}`] : [];
  return withControlPlane(async ({ server, token, joinToken }) => {
    const http = new BenchClient(server, token, 4);
    const agent = await startAgentProcess(http, { server, joinToken, nodeName: `bench-footprint-${Date.now().toString(36)}`, compiledEntry, nodeArgs });
    const namespace = `footprint-${Date.now().toString(36)}`;
    try {
      await sleep(5000);
      const idle = processMemory(agent.pid);
      console.log(`  agent pid ${agent.pid} idle: ${idle.rssMiB} MiB resident`);
      await createNamespace(http, namespace);
      const res = await http.send("POST", `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment({ name: "footprint", replicas: pods, image: BENCH_IMAGE, command: ["sleep", "3600"] }));
      if (res.status !== 201) throw new Error(`creating the Deployment: ${res.status} ${res.body.slice(0, 300)}`);
      const deadline = Date.now() + 120_000;
      let ready = 0;
      while ((ready = await readyPods(http, namespace)) < pods) {
        if (Date.now() > deadline) throw new Error(`only ${ready}/${pods} pods Ready after 120 s; agent log: ${agent.logFile}`);
        await sleep(500);
      }
      console.log(`  ${pods} pods Ready; sampling memory for ${settle} s`);
      const samples: Memory[] = [];
      for (let t = 0; t < settle; t += 2) {
        await sleep(2000);
        samples.push(processMemory(agent.pid));
      }
      const last = samples[samples.length - 1];
      const max = Math.max(...samples.map((s) => s.rssMiB));
      console.log(`  with ${pods} pods: ${last.rssMiB} MiB resident (max ${max}, peak ${last.hwmMiB})`);
      return {
        benchmark: "footprint",
        pods,
        idleRssMiB: idle.rssMiB,
        rssMiB: last.rssMiB,
        maxSampledRssMiB: max,
        peakHwmMiB: last.hwmMiB,
        nodeArgs,
        runner: viaTsx ? "node --import tsx node-agent/cli.ts (TypeScript compiled in-process by tsx)" : "node cli.js (compiled by tsc)",
        targets: { rssMiB: 80 },
      };
    } finally {
      await http.send("DELETE", `/api/v1/namespaces/${namespace}`);
      await sleep(3000);
      await agent.stop();
      await removeLabelled(`io.kubeflare.node=${agent.nodeName}`);
      http.close();
    }
  });
}
