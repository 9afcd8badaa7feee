// Docker Swarm on the local engine, for the converge comparison: a
// single-node swarm made for the run and left afterwards (never one that
// existed before: then the benchmark says so and skips Swarm).
import Dockerode from "dockerode";
import { docker } from "./docker-cli.ts";

export async function swarmState(): Promise<string> {
  return docker(["info", "--format", "{{.Swarm.LocalNodeState}}"]);
}

/** Seconds from `docker service create` until `replicas` tasks run. */
export async function timeSwarmService(image: string, command: string[], replicas: number, timeoutMs: number): Promise<number> {
  const engine = new Dockerode({ socketPath: "/var/run/docker.sock" });
  const name = `kfbench-${Date.now().toString(36)}`;
  const started = performance.now();
  // --no-resolve-image: there is no registry here; asking one would only add its timeout to Swarm's time.
  await docker(["service", "create", "--detach", "--no-resolve-image", "--name", name, "--replicas", String(replicas), "--stop-grace-period", "1s", image, ...command]);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const tasks = (await engine.listTasks({ filters: { service: [name] } })) as { Status?: { State?: string } }[];
      const running = tasks.filter((t) => t.Status?.State === "running").length;
      if (running >= replicas) return (performance.now() - started) / 1000;
      if (Date.now() > deadline) throw new Error(`swarm ran ${running}/${replicas} tasks after ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await docker(["service", "rm", name]).catch(() => "");
  }
}
