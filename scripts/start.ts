// npm start: a local Kubeflare cluster in the foreground. Ctrl-C stops it;
// its state survives in the persist directory for the next start.
import { dirname, relative } from "node:path";
import { UsageError, USAGE, parseStartArgs } from "./lib/args.ts";
import { DEFAULT_PORT, StartError, startControlPlane } from "./lib/control-plane.ts";
import type { ControlPlane } from "./lib/control-plane.ts";
import { removeKubeconfig } from "./lib/kubeconfig.ts";
import { readyNodes, startNodeAgents } from "./lib/node-agents.ts";
import type { NodeAgent } from "./lib/node-agents.ts";
import { clusterPaths, repoRoot } from "./lib/paths.ts";

const say = (message: string) => console.log(`[kubeflare] ${message}`);

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseStartArgs(process.argv.slice(2), process.env, DEFAULT_PORT);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`npm start: ${error.message}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const paths = clusterPaths(repoRoot(), args.stateDir);
  let cluster: ControlPlane | undefined;
  let agents: NodeAgent[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (why: string): Promise<void> => {
    stoppingNow = true;
    stopping ??= (async () => {
      say(`${why}; stopping`);
      await Promise.all(agents.map((agent) => agent.process.stop()));
      await cluster?.stop();
      // The API is gone: a kubeconfig left behind would point scripts at nothing.
      await removeKubeconfig(paths.kubeconfig);
      say("stopped");
    })();
    return stopping;
  };
  const cancel = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    cancel.abort();
    void stopAll(`received ${signal}`).then(() => process.exit(0));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);

  const started = Date.now();
  try {
    cluster = await startControlPlane({
      paths,
      port: args.port,
      signal: cancel.signal,
      onStatus: (message) => say(message.replace(`${paths.root}/`, "")),
    });
    agents = await startNodeAgents(cluster, args.nodes);
  } catch (error) {
    if (stopping) {
      await stopping;
      return 0;
    }
    // startControlPlane cleans up after itself; only later steps leave a cluster running.
    if (cluster) await stopAll("start failed");
    console.error(`[kubeflare] error: ${(error as Error).message}`);
    if (error instanceof StartError && error.details) {
      console.error(`[kubeflare] wrangler said (full log: ${shown(paths.wranglerLog)}):`);
      console.error(error.details.replace(/^/gm, "  "));
    }
    return 1;
  }

  const kubeconfig = shown(paths.kubeconfig);
  const exportPath = kubeconfig === paths.kubeconfig ? kubeconfig : `$PWD/${kubeconfig}`;
  say(`cluster ready at ${cluster.server} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log("");
  console.log(`  export KUBECONFIG=${exportPath}`);
  console.log("  kubectl get ns");
  console.log("");
  say(`state: ${shown(paths.persistDir)}  log: ${shown(paths.wranglerLog)}  (Ctrl-C to stop)`);
  void reportNodes(cluster, agents);

  const exit = await cluster.process.exited;
  if (stopping) {
    await stopping;
    return 0;
  }
  await stopAll(`wrangler exited unexpectedly (${exit.signal ?? `code ${exit.code}`}); see ${shown(paths.wranglerLog)}`);
  return 1;
}

/** Tells the person when each node joins, or why an agent stopped. */
async function reportNodes(cluster: ControlPlane, agents: NodeAgent[]): Promise<void> {
  for (const agent of agents) {
    void agent.process.exited.then((exit) => {
      if (!stoppingNow) say(`node agent ${agent.name} stopped (${exit.signal ?? `code ${exit.code}`}); see ${shown(agent.logFile)}`);
    });
  }
  const waiting = new Set(agents.map((a) => a.name));
  const deadline = Date.now() + 60_000;
  while (waiting.size > 0 && Date.now() < deadline && !stoppingNow) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ready = await readyNodes(cluster).catch(() => new Set<string>());
    for (const name of [...waiting]) {
      if (!ready.has(name)) continue;
      waiting.delete(name);
      say(`node ${name} is Ready`);
    }
  }
  if (waiting.size > 0 && !stoppingNow) say(`still waiting for ${[...waiting].join(", ")}; see their logs under ${shown(dirname(agents[0].logFile))}/..`);
}

let stoppingNow = false;

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[kubeflare] error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
