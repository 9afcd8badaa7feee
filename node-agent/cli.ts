#!/usr/bin/env -S npx tsx
// kubeflare-agent: the node agent's command line. Mistakes in flags, an
// unreachable Docker engine or a refused join token end it with one line on
// stderr and exit code 2 (1 for other failures); never a stack trace.
import { startAgent } from "./agent.ts";
import { USAGE, UsageError, parseAgentArgs } from "./config/args.ts";
import { JoinRejectedError } from "./control-plane/credential.ts";
import { createLogger, errorMessage } from "./log.ts";
import { DockerUnreachableError } from "./runtime/docker/connect.ts";
import { runSimulation } from "./simulate/run.ts";
import { startSimulatedAgent } from "./simulate/simulated-agent.ts";

async function main(): Promise<number> {
  let options;
  try {
    options = parseAgentArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`kubeflare-agent: ${error.message} (see --help)`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  if (options.simulate !== undefined) {
    return runSimulation({ server: options.server, joinToken: options.joinToken, nodes: options.simulate, insecureSkipTlsVerify: options.insecureSkipTlsVerify });
  }
  const log = createLogger(options.verbose ? "debug" : "info");
  let agent: { stop(): Promise<void> } | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping the agent (containers keep running)`);
    void (agent?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  try {
    agent = options.runtime === "simulated" ? await startSimulatedAgent(options, log) : await startAgent(options, log);
  } catch (error) {
    if (error instanceof DockerUnreachableError || error instanceof JoinRejectedError) {
      console.error(`kubeflare-agent: ${error.message}`);
      return 2;
    }
    console.error(`kubeflare-agent: ${errorMessage(error)}`);
    return 1;
  }
  if (stopping) await agent.stop();
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`kubeflare-agent: ${errorMessage(error)}`);
    process.exit(1);
  },
);
