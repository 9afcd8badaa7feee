// `npm run bench -- converge [--replicas 40]`: on one Docker engine, start N
// replicas three ways and time each until all run: Kubeflare (a Deployment,
// one real agent, until every pod is Ready), Docker Swarm (`docker service
// create --replicas N`, until N tasks run) and plain `docker run -d`, four
// at a time.
import { startAgentProcess } from "./lib/agent-process.ts";
import { withControlPlane } from "./lib/control-plane.ts";
import { docker, removeLabelled, timedDockerRun } from "./lib/docker-cli.ts";
import { BenchClient } from "./lib/http.ts";
import { integerOption } from "./lib/options.ts";
import { swarmState, timeSwarmService } from "./lib/swarm.ts";
import { watch } from "./lib/watch.ts";
import { createNamespace, deployment, listResourceVersion } from "./lib/workloads.ts";
import { BENCH_IMAGE } from "./podstart.ts";

const COMMAND = ["sleep", "3600"];
const PLAIN_LABEL = "kubeflare.bench=converge";

async function timeKubeflare(replicas: number): Promise<number> {
  return withControlPlane(async ({ server, token, joinToken }) => {
    const http = new BenchClient(server, token, 4);
    const agent = await startAgentProcess(http, { server, joinToken, nodeName: `bench-converge-${Date.now().toString(36)}` });
    const namespace = `converge-${Date.now().toString(36)}`;
    try {
      await createNamespace(http, namespace);
      const path = `/api/v1/namespaces/${namespace}/pods`;
      const ready = new Set<string>();
      let done: (() => void) | undefined;
      const allReady = new Promise<void>((resolve) => (done = resolve));
      const stream = watch(server, token, `${path}?watch=1&resourceVersion=${await listResourceVersion(http, path)}`, (event) => {
        const conditions = (event.object.status?.conditions ?? []) as { type: string; status: string }[];
        if (conditions.some((c) => c.type === "Ready" && c.status === "True")) ready.add(event.object.metadata?.uid ?? "");
        if (ready.size >= replicas) done?.();
      });
      const started = performance.now();
      const res = await http.send("POST", `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment({ name: "converge", replicas, image: BENCH_IMAGE, command: COMMAND }));
      if (res.status !== 201) throw new Error(`creating the Deployment: ${res.status} ${res.body.slice(0, 300)}`);
      const progress = setInterval(() => console.log(`    kubeflare: ${ready.size}/${replicas} Ready`), 1000);
      const timedOut = await Promise.race([allReady.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 120_000).unref())]);
      clearInterval(progress);
      stream.stop();
      if (timedOut) throw new Error(`only ${ready.size}/${replicas} pods Ready after 120 s; agent log: ${agent.logFile}`);
      return (performance.now() - started) / 1000;
    } finally {
      await http.send("DELETE", `/api/v1/namespaces/${namespace}`);
      await agent.stop();
      await removeLabelled(`io.kubeflare.node=${agent.nodeName}`);
      http.close();
    }
  });
}

async function timePlainDocker(replicas: number, parallel: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  try {
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < replicas) {
        next++;
        await timedDockerRun(["--label", PLAIN_LABEL, BENCH_IMAGE, ...COMMAND]);
      }
    }));
    return (performance.now() - started) / 1000;
  } finally {
    await removeLabelled(PLAIN_LABEL);
  }
}

async function timeSwarm(replicas: number): Promise<{ seconds?: number; note?: string }> {
  const before = await swarmState();
  if (before !== "inactive") return { note: `this engine's swarm state is "${before}"; the benchmark only uses a swarm it creates itself` };
  try {
    await docker(["swarm", "init", "--advertise-addr", "127.0.0.1"]);
  } catch (error) {
    return { note: `docker swarm init failed: ${(error as Error).message.split("\n").slice(-2).join(" ")}` };
  }
  try {
    return { seconds: await timeSwarmService(BENCH_IMAGE, COMMAND, replicas, 180_000) };
  } catch (error) {
    return { note: `swarm service did not converge: ${(error as Error).message}` };
  } finally {
    await docker(["swarm", "leave", "--force"]).catch(() => "");
  }
}

export async function runConvergeBench(argv: string[]): Promise<Record<string, unknown>> {
  const replicas = integerOption(argv, "replicas", 40);
  const round = (n: number | undefined) => (n === undefined ? null : Math.round(n * 100) / 100);
  console.log(`  Kubeflare: a Deployment of ${replicas}`);
  const kubeflare = await timeKubeflare(replicas);
  console.log(`  Kubeflare: ${kubeflare.toFixed(2)} s`);
  console.log(`  plain docker run -d, 4 at a time`);
  const plain = await timePlainDocker(replicas, 4);
  console.log(`  plain docker: ${plain.toFixed(2)} s`);
  console.log(`  Docker Swarm: docker service create --replicas ${replicas}`);
  const swarm = await timeSwarm(replicas);
  console.log(swarm.seconds !== undefined ? `  Swarm: ${swarm.seconds.toFixed(2)} s` : `  Swarm skipped: ${swarm.note}`);
  return {
    benchmark: "converge",
    replicas,
    kubeflareSeconds: round(kubeflare),
    swarmSeconds: round(swarm.seconds),
    plainDockerRun4Seconds: round(plain),
    kubeflareToSwarm: swarm.seconds ? round(kubeflare / swarm.seconds) : null,
    kubeflareToPlainDocker: round(kubeflare / plain),
    ...(swarm.note ? { swarmNote: swarm.note } : {}),
    targets: { kubeflareToSwarm: 0.7 },
  };
}
