// `npm run bench -- podstart [--pods 20]`: one real agent on the local Docker
// engine; pods are created one at a time and timed from the create request
// until a watch shows them Ready. Plain `docker run -d` of the same image is
// timed for comparison.
import { startAgentProcess } from "./lib/agent-process.ts";
import { withControlPlane } from "./lib/control-plane.ts";
import { removeLabelled, timedDockerRun } from "./lib/docker-cli.ts";
import { BenchClient } from "./lib/http.ts";
import { integerOption } from "./lib/options.ts";
import { summarize } from "./lib/stats.ts";
import { watch } from "./lib/watch.ts";
import { createNamespace, listResourceVersion } from "./lib/workloads.ts";

export const BENCH_IMAGE = "kubeflare/busybox:test";
const BASELINE_LABEL = "kubeflare.bench=podstart";

function isReady(status: Record<string, unknown> | undefined): boolean {
  const conditions = (status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === "Ready" && c.status === "True");
}

export async function runPodstartBench(argv: string[]): Promise<Record<string, unknown>> {
  const pods = integerOption(argv, "pods", 20);
  const baseline: number[] = [];
  console.log(`  timing ${Math.min(pods, 10)} plain docker run -d`);
  try {
    for (let i = 0; i < Math.min(pods, 10); i++) baseline.push((await timedDockerRun(["--label", BASELINE_LABEL, BENCH_IMAGE, "sleep", "3600"])).ms);
  } finally {
    await removeLabelled(BASELINE_LABEL);
  }
  return withControlPlane(async ({ server, token, joinToken }) => {
    const http = new BenchClient(server, token, 4);
    const agent = await startAgentProcess(http, { server, joinToken, nodeName: `bench-podstart-${Date.now().toString(36)}`, verbose: true });
    console.log(`  agent ${agent.nodeName} is Ready (pid ${agent.pid})`);
    const namespace = `podstart-${Date.now().toString(36)}`;
    try {
      await createNamespace(http, namespace);
      const path = `/api/v1/namespaces/${namespace}/pods`;
      const readyAt = new Map<string, number>();
      const waiters = new Map<string, () => void>();
      const stream = watch(server, token, `${path}?watch=1&resourceVersion=${await listResourceVersion(http, path)}`, (event, at) => {
        const name = event.object.metadata?.name ?? "";
        if (readyAt.has(name) || !isReady(event.object.status)) return;
        readyAt.set(name, at);
        waiters.get(name)?.();
      });
      const latencies: number[] = [];
      for (let i = 0; i < pods; i++) {
        const name = `p${i}`;
        const ready = new Promise<void>((resolve) => waiters.set(name, resolve));
        const started = performance.now();
        const res = await http.send("POST", path, {
          apiVersion: "v1", kind: "Pod", metadata: { name },
          spec: { terminationGracePeriodSeconds: 1, containers: [{ name: "main", image: BENCH_IMAGE, imagePullPolicy: "IfNotPresent", command: ["sleep", "3600"] }] },
        });
        if (res.status !== 201) throw new Error(`creating pod ${name}: ${res.status} ${res.body.slice(0, 300)}`);
        const timedOut = await Promise.race([ready.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 30_000).unref())]);
        if (timedOut) throw new Error(`pod ${name} was not Ready within 30 s; agent log: ${agent.logFile}`);
        latencies.push((readyAt.get(name) ?? performance.now()) - started);
        console.log(`  ${name}: Ready after ${Math.round(latencies[latencies.length - 1])} ms`);
      }
      stream.stop();
      const summary = summarize(latencies);
      const docker = summarize(baseline);
      console.log("  deleting the pods");
      await http.send("DELETE", `${path}`, undefined);
      return {
        benchmark: "podstart",
        pods,
        createToReadyMs: summary,
        dockerRunDetachedMs: docker,
        ratioP50ToDockerRun: Math.round((summary.p50 / docker.p50) * 100) / 100,
        agentLog: agent.logFile,
        targets: { p99Ms: 1500 },
      };
    } finally {
      await http.send("DELETE", `/api/v1/namespaces/${namespace}`);
      await waitForNoContainers(agent.nodeName);
      await agent.stop();
      http.close();
    }
  });
}

/** Gives the agent a bounded moment to stop the pods' containers before it is stopped itself; then removes leftovers. */
async function waitForNoContainers(nodeName: string): Promise<void> {
  const label = `io.kubeflare.node=${nodeName}`;
  const { docker } = await import("./lib/docker-cli.ts");
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && (await docker(["ps", "-q", "--filter", `label=${label}`])) !== "") await new Promise((r) => setTimeout(r, 500));
  await removeLabelled(label);
}
