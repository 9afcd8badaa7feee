// `npm run bench -- scheduler [--nodes 1000] [--replicas 10000] [--timeout 300]`:
// N hollow nodes (node-agent/simulate) join a local control plane; one
// Deployment of M replicas is created; a pod watch times the moment every
// pod is bound (spec.nodeName set) and, as a second figure, Running+Ready
// as reported by the hollow nodes.
import { startFleet } from "../node-agent/simulate/fleet.ts";
import { CpuMeter } from "./lib/cpu.ts";
import { LARGE_CLUSTER_CIDR, withControlPlane } from "./lib/control-plane.ts";
import { BenchClient } from "./lib/http.ts";
import { integerOption } from "./lib/options.ts";
import { watch } from "./lib/watch.ts";
import { WorkerProfiler, inspectorPort } from "./lib/worker-profile.ts";
import { createNamespace, deployment, listResourceVersion } from "./lib/workloads.ts";

export async function runSchedulerBench(argv: string[]): Promise<Record<string, unknown>> {
  const nodes = integerOption(argv, "nodes", 1000);
  const replicas = integerOption(argv, "replicas", 10_000);
  const timeoutSeconds = integerOption(argv, "timeout", 300);
  // --profile: a CPU profile of the worker while pods are created and bound.
  const profile = argv.includes("--profile");
  return withControlPlane(async ({ server, token, joinToken, groupPid }) => {
    const http = new BenchClient(server, token, 4);
    console.log(`  starting ${nodes} hollow nodes`);
    const joinStarted = performance.now();
    const fleet = await startFleet({ server, joinToken, nodes, insecureSkipTlsVerify: true });
    const joinSeconds = (performance.now() - joinStarted) / 1000;
    console.log(`  ${nodes} nodes registered in ${joinSeconds.toFixed(1)} s`);
    try {
      const namespace = `sched-${Date.now().toString(36)}`;
      await createNamespace(http, namespace);
      const podsPath = `/api/v1/namespaces/${namespace}/pods`;
      const rv = await listResourceVersion(http, podsPath);

      const bound = new Map<string, number>();
      const running = new Set<string>();
      let created = 0;
      let createdAt = 0;
      let allBound: (() => void) | undefined;
      const boundPromise = new Promise<void>((resolve) => (allBound = resolve));
      let lastRunningAt = 0;
      const stream = watch(server, token, `${podsPath}?watch=1&resourceVersion=${rv}&allowWatchBookmarks=false`, (event, at) => {
        const uid = event.object.metadata?.uid ?? "";
        if (event.type === "ADDED") created++;
        if (event.object.spec?.nodeName && !bound.has(uid)) {
          bound.set(uid, at);
          if (bound.size >= replicas) allBound?.();
        }
        if (event.object.status?.phase === "Running" && !running.has(uid)) {
          running.add(uid);
          lastRunningAt = at;
        }
      });

      const port = profile ? inspectorPort(groupPid) : undefined;
      if (profile && !port) console.log("  no inspector port found; profiling skipped");
      const profiler = port ? await WorkerProfiler.connect(port) : undefined;
      await profiler?.start();
      const meter = new CpuMeter(groupPid);
      const progress = setInterval(() => {
        const t = createdAt ? ((performance.now() - createdAt) / 1000).toFixed(1) : "0";
        console.log(`  ${t}s: ${created} pods created, ${bound.size} bound, ${running.size} running (fleet errors ${fleet.stats.errors}${fleet.stats.lastError ? `; last: ${fleet.stats.lastError.slice(0, 120)}` : ""})`);
      }, 2000);
      createdAt = performance.now();
      const res = await http.send("POST", `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment({
        name: "bench", replicas, image: "kubeflare/busybox:test", requests: { cpu: "10m", memory: "16Mi" },
      }));
      if (res.status !== 201) throw new Error(`creating the Deployment: ${res.status} ${res.body.slice(0, 300)}`);
      const timedOut = await Promise.race([
        boundPromise.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), timeoutSeconds * 1000).unref()),
      ]);
      const boundAt = performance.now();
      const bindSeconds = (boundAt - createdAt) / 1000;
      const cpu = meter.read();
      const workerProfile = await profiler?.stop(20);
      if (workerProfile) {
        console.log(`  worker CPU profile while binding (${workerProfile.sampledMs} ms sampled, ${workerProfile.idleMs} ms idle; alarm runs: ${JSON.stringify(workerProfile.alarmRuns)}):`);
        for (const f of workerProfile.hot) console.log(`    self ${String(f.selfMs).padStart(6)} ms  total ${String(f.totalMs).padStart(6)} ms  ${f.function}`);
      }
      // Running is reported after binding; give the hollow nodes a bounded moment to catch up.
      const runningDeadline = Date.now() + 60_000;
      await profiler?.start();
      while (!timedOut && running.size < replicas && Date.now() < runningDeadline) await new Promise((r) => setTimeout(r, 200));
      const runProfile = await profiler?.stop(20);
      if (runProfile) {
        console.log(`  worker CPU profile while hollow nodes report Running (${runProfile.sampledMs} ms sampled, ${runProfile.idleMs} ms idle):`);
        for (const f of runProfile.hot) console.log(`    self ${String(f.selfMs).padStart(6)} ms  total ${String(f.totalMs).padStart(6)} ms  ${f.function}`);
      }
      clearInterval(progress);
      profiler?.close();
      stream.stop();
      const firstBind = Math.min(...bound.values());
      const result = {
        benchmark: "scheduler",
        nodes,
        replicas,
        podsBound: bound.size,
        timedOut,
        secondsToAllBound: Math.round(bindSeconds * 100) / 100,
        podsPerSecond: Math.round(bound.size / bindSeconds),
        /** From the first bind to the last: the scheduler's own rate, without the ReplicaSet's first creations. */
        bindWindowSeconds: Math.round(((boundAt - firstBind) / 1000) * 100) / 100,
        podsRunning: running.size,
        secondsToAllRunning: running.size >= replicas ? Math.round(((lastRunningAt - createdAt) / 1000) * 100) / 100 : null,
        nodesJoinSeconds: Math.round(joinSeconds * 10) / 10,
        controlPlaneCpuPerSecond: cpu,
        fleet: { ...fleet.stats },
        ...(workerProfile ? { workerProfile: { sampledMs: workerProfile.sampledMs, idleMs: workerProfile.idleMs, alarmRuns: workerProfile.alarmRuns, hot: workerProfile.hot.slice(0, 12) } } : {}),
        ...(runProfile ? { runningProfile: { sampledMs: runProfile.sampledMs, idleMs: runProfile.idleMs, alarmRuns: runProfile.alarmRuns, hot: runProfile.hot.slice(0, 12) } } : {}),
        targets: { podsPerSecond: 2000 },
      };
      return result;
    } finally {
      fleet.stop();
      http.close();
    }
  }, { vars: LARGE_CLUSTER_CIDR });
}
