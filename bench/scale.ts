// `npm run bench -- scale [--nodes 5000] [--deployments 50] [--replicas 1000]
// [--steady 30] [--timeout 300] [--probes 2]`: N hollow nodes heartbeating
// (Lease every 10 s) and D Deployments of R pods in one cluster. Measures
// API latency from a few probing clients while the pods are created and
// reported Running, then in a steady phase with only heartbeats, and the
// control plane's CPU seconds per second in each phase.
import { startFleet } from "../node-agent/simulate/fleet.ts";
import { ApiProbe } from "./lib/api-probe.ts";
import { CpuMeter } from "./lib/cpu.ts";
import { LARGE_CLUSTER_CIDR, withControlPlane } from "./lib/control-plane.ts";
import { BenchClient } from "./lib/http.ts";
import { integerOption } from "./lib/options.ts";
import { summarize } from "./lib/stats.ts";
import { watch } from "./lib/watch.ts";
import { WorkerProfiler, inspectorPort } from "./lib/worker-profile.ts";
import { createNamespace, deployment, listResourceVersion } from "./lib/workloads.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runScaleBench(argv: string[]): Promise<Record<string, unknown>> {
  const nodes = integerOption(argv, "nodes", 5000);
  const deployments = integerOption(argv, "deployments", 50);
  const replicas = integerOption(argv, "replicas", 1000);
  const steadySeconds = integerOption(argv, "steady", 30);
  const timeoutSeconds = integerOption(argv, "timeout", 300);
  const probes = integerOption(argv, "probes", 2);
  // --profile: a CPU profile of the worker while the pods start.
  const profile = argv.includes("--profile");
  const totalPods = deployments * replicas;
  return withControlPlane(async ({ server, token, joinToken, groupPid }) => {
    const http = new BenchClient(server, token, probes + 4);
    const meter = new CpuMeter(groupPid);
    console.log(`  starting ${nodes} hollow nodes`);
    const joinStarted = performance.now();
    const fleet = await startFleet({ server, joinToken, nodes, insecureSkipTlsVerify: true });
    const joinSeconds = (performance.now() - joinStarted) / 1000;
    const joinCpu = meter.read();
    console.log(`  ${nodes} nodes registered in ${joinSeconds.toFixed(1)} s (control plane ${joinCpu.total} CPU s/s)`);
    const probe = new ApiProbe(http, "default");
    try {
      const namespace = `scale-${Date.now().toString(36)}`;
      await createNamespace(http, namespace);
      // Heartbeats alone, before any pods: the idle cost of N nodes.
      meter.reset();
      probe.start(probes);
      const idleFrom = performance.now();
      await sleep(steadySeconds * 1000);
      const idleTo = performance.now();
      const idleCpu = meter.read();
      console.log(`  heartbeats only: control plane ${idleCpu.total} CPU s/s, API p99 ${summarize(probe.window(idleFrom, idleTo).latencies).p99} ms`);

      const path = `/api/v1/namespaces/${namespace}/pods`;
      const running = new Set<string>();
      const bound = new Set<string>();
      const stream = watch(server, token, `${path}?watch=1&resourceVersion=${await listResourceVersion(http, path)}`, (event) => {
        const uid = event.object.metadata?.uid ?? "";
        if (event.object.spec?.nodeName) bound.add(uid);
        if (event.object.status?.phase === "Running") running.add(uid);
      });
      const port = profile ? inspectorPort(groupPid) : undefined;
      const profiler = port ? await WorkerProfiler.connect(port) : undefined;
      await profiler?.start();
      meter.reset();
      const loadFrom = performance.now();
      for (let d = 0; d < deployments; d++) {
        const body = deployment({ name: `scale-${d}`, replicas, image: "kubeflare/busybox:test", requests: { cpu: "10m", memory: "16Mi" } });
        // wrangler dev's proxy answers 503 when it loses the worker for a moment; the create may or may not have landed.
        for (let attempt = 1; ; attempt++) {
          const res = await http.send("POST", `/apis/apps/v1/namespaces/${namespace}/deployments`, body);
          if (res.status === 201 || (res.status === 409 && attempt > 1)) break;
          if (res.status !== 503 || attempt >= 5) throw new Error(`creating Deployment ${d}: ${res.status} ${res.body.slice(0, 300)}`);
          console.log(`  creating Deployment ${d}: 503 from the dev server, retrying`);
          await sleep(2000);
        }
      }
      const deadline = Date.now() + timeoutSeconds * 1000;
      let lastLine = 0;
      while (running.size < totalPods && Date.now() < deadline) {
        await sleep(500);
        if (Date.now() - lastLine >= 5000) {
          lastLine = Date.now();
          const p = summarize(probe.window(loadFrom).latencies);
          console.log(`  ${Math.round((performance.now() - loadFrom) / 1000)}s: ${bound.size}/${totalPods} bound, ${running.size} running; API p99 so far ${p.p99} ms; fleet errors ${fleet.stats.errors}`);
        }
      }
      const loadTo = performance.now();
      const loadCpu = meter.read();
      const loadProfile = await profiler?.stop(20);
      profiler?.close();
      if (loadProfile) {
        console.log(`  worker CPU profile while pods start (${loadProfile.sampledMs} ms sampled; alarm runs: ${JSON.stringify(loadProfile.alarmRuns)}):`);
        for (const f of loadProfile.hot) console.log(`    self ${String(f.selfMs).padStart(6)} ms  total ${String(f.totalMs).padStart(6)} ms  ${f.function}`);
      }
      const converged = running.size >= totalPods;
      stream.stop();
      const diagnostics = converged ? undefined : await whyNotConverged(http, namespace);
      if (diagnostics) console.log(`  not converged: ${JSON.stringify(diagnostics)}`);

      console.log(`  steady phase: ${nodes} nodes and ${running.size} pods, heartbeats only, ${steadySeconds} s`);
      meter.reset();
      const steadyFrom = performance.now();
      await sleep(steadySeconds * 1000);
      const steadyCpu = meter.read();
      await probe.stop();
      const phase = (from: number, to: number) => {
        const w = probe.window(from, to);
        return { ...summarize(w.latencies), errors: w.errors };
      };
      const load = phase(loadFrom, loadTo);
      const steady = phase(steadyFrom, Infinity);
      return {
        benchmark: "scale",
        nodes,
        pods: totalPods,
        deployments,
        nodesJoinSeconds: Math.round(joinSeconds * 10) / 10,
        converged,
        podsBound: bound.size,
        podsRunning: running.size,
        secondsToAllRunning: converged ? Math.round((loadTo - loadFrom) / 100) / 10 : null,
        apiLatencyMs: { heartbeatsOnly: phase(idleFrom, idleTo), whilePodsStart: load, steady },
        apiP99Ms: Math.max(load.p99, steady.p99),
        controlPlaneCpuPerSecond: { join: joinCpu, heartbeatsOnly: idleCpu, whilePodsStart: loadCpu, steady: steadyCpu },
        fleet: { ...fleet.stats },
        ...(diagnostics ? { diagnostics } : {}),
        ...(loadProfile ? { workerProfile: { sampledMs: loadProfile.sampledMs, alarmRuns: loadProfile.alarmRuns, hot: loadProfile.hot.slice(0, 12) } } : {}),
        targets: { apiP99Ms: 1000 },
      };
    } finally {
      await probe.stop();
      fleet.stop();
      http.close();
    }
  }, { vars: LARGE_CLUSTER_CIDR });
}

/** Why pods are missing: nodes that are not Ready, and what the scheduler said about a pending pod. */
async function whyNotConverged(http: BenchClient, namespace: string): Promise<Record<string, unknown>> {
  const nodes = await http.send("GET", "/api/v1/nodes");
  const items = (JSON.parse(nodes.body) as { items: { status?: { conditions?: { type: string; status: string }[] } }[] }).items;
  const notReady = items.filter((n) => !n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
  const pending = await http.send("GET", `/api/v1/namespaces/${namespace}/pods?fieldSelector=spec.nodeName%3D&limit=500`);
  const pendingItems = (JSON.parse(pending.body) as { items: { status?: { conditions?: { type: string; message?: string }[] } }[] }).items;
  const message = pendingItems[0]?.status?.conditions?.find((c) => c.type === "PodScheduled")?.message;
  const deployments = await http.send("GET", `/apis/apps/v1/namespaces/${namespace}/replicasets`);
  const replicaSets = (JSON.parse(deployments.body) as { items: { status?: { replicas?: number } }[] }).items;
  return {
    nodes: items.length,
    notReadyNodes: notReady,
    unboundPodsSeen: pendingItems.length,
    pendingMessage: message ?? null,
    podsCreatedByReplicaSets: replicaSets.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0),
  };
}
