// The node agent assembled: Docker, the credential, registration and
// heartbeats, the pod manager fed by the assignments long-poll, events, and
// the logs tunnel. Stopping it stops the agent only: containers keep running
// and the next start adopts them.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Pod } from "../worker/schema/kinds.ts";
import type { AgentOptions } from "./config/args.ts";
import { ApiError, isNotFound } from "./control-plane/api-error.ts";
import { AssignmentsLoop } from "./control-plane/assignments-loop.ts";
import { NodeCredential } from "./control-plane/credential.ts";
import { EventRecorder } from "./control-plane/event-recorder.ts";
import { HttpClient } from "./control-plane/http-client.ts";
import { KubeClient } from "./control-plane/kube-client.ts";
import type { Logger } from "./log.ts";
import { errorMessage } from "./log.ts";
import { startNodeNetwork } from "./network/node-network.ts";
import type { NodeNetwork } from "./network/node-network.ts";
import { memoryReserve } from "./node/node-object.ts";
import { DEFAULT_REPORTER_TIMING, NodeReporter } from "./node/node-reporter.ts";
import type { ReporterTiming } from "./node/node-reporter.ts";
import { DEFAULT_TIMING } from "./pods/deps.ts";
import type { PodWorkerDeps, StatusSink, WorkerTiming } from "./pods/deps.ts";
import { ImageManager } from "./pods/images.ts";
import { ImageRefs } from "./pods/image-refs.ts";
import { CachingObjectSource } from "./pods/object-source.ts";
import { PodManager } from "./pods/pod-manager.ts";
import { connectDocker } from "./runtime/docker/connect.ts";
import { DockerRuntime } from "./runtime/docker/docker-runtime.ts";
import { LogStreams } from "./tunnel/log-streams.ts";
import { TunnelClient } from "./tunnel/tunnel-client.ts";

export interface AgentHooks {
  /** Each assignments answer, with performance.now() when it arrived (latency measurements). */
  onAssignments?: (pods: Pod[], receivedAt: number) => void;
  timing?: Partial<WorkerTiming>;
  reporterTiming?: Partial<ReporterTiming>;
}

export interface Agent {
  nodeName: string;
  network?: NodeNetwork;
  manager: PodManager;
  reporter: NodeReporter;
  tunnel: TunnelClient;
  runtime: DockerRuntime;
  stop(): Promise<void>;
}

/** Pod status reports and deletion confirmations, through the node credential. */
export function statusSink(client: KubeClient): StatusSink {
  return {
    async patchStatus(pod, patch) {
      try {
        return await client.patchPodStatus(pod.metadata.namespace ?? "default", pod.metadata.name ?? "", patch);
      } catch (error) {
        // Gone, or (403) no longer bound here: the next assignments drop it.
        if (isNotFound(error) || (error instanceof ApiError && error.status === 403)) return undefined;
        throw error;
      }
    },
    confirmDeletion: (pod) => client.confirmPodDeletion(pod.metadata.namespace ?? "default", pod.metadata.name ?? "", pod.metadata.uid ?? ""),
  };
}

export async function startAgent(options: AgentOptions, log: Logger, hooks: AgentHooks = {}): Promise<Agent> {
  const docker = await connectDocker(options.dockerHost);
  await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
  const ca = options.caFile ? await readFile(options.caFile, "utf8").catch((error: unknown) => {
    throw new Error(`reading --ca-file ${options.caFile}: ${(error as Error).message}`);
  }) : undefined;
  const http = new HttpClient(options.server, { insecureSkipTlsVerify: options.insecureSkipTlsVerify, ca });
  const credential = new NodeCredential(http, options.stateDir, options.nodeName, options.joinToken, log.child("join"));
  const client = new KubeClient(http, credential);
  const runtimeLog = log.child("docker");
  const runtime = new DockerRuntime(docker, options.nodeName, { onNote: (note) => runtimeLog.info(note), debug: (message) => runtimeLog.debug(message) });
  const version = await runtime.version();
  log.info(`node ${options.nodeName}: Docker ${version}, control plane ${options.server}, state in ${options.stateDir}`);

  const identity = { nodeName: options.nodeName, labels: options.labels, maxPods: options.maxPods };
  const reporter = new NodeReporter(client, runtime, identity, options.stateDir, log.child("node"), { ...DEFAULT_REPORTER_TIMING, ...hooks.reporterTiming });
  const node = await reporter.register();
  const host = reporter.hostFacts;

  let network: NodeNetwork | undefined;
  const podCidr = node.spec?.podCIDR;
  if (options.podNetwork && podCidr) {
    try {
      network = await startNodeNetwork({ docker, nodeName: options.nodeName, podCidr, api: { http, tokens: client }, log: log.child("network") });
      log.info(`pod network ${network.networkName} on ${podCidr}; cluster DNS at ${network.resolverIp}`);
    } catch (error) {
      log.warn(`no pod network (pods use Docker's default bridge, without Services or cluster DNS): ${errorMessage(error)}`);
    }
  } else if (options.podNetwork) {
    log.warn("the control plane gave this node no podCIDR; pods use Docker's default bridge");
  }
  const memory = host?.memoryBytes ?? 0;

  const events = new EventRecorder(client, options.nodeName, log.child("events"));
  const timing = { ...DEFAULT_TIMING, ...hooks.timing };
  const deps: PodWorkerDeps = {
    runtime,
    node: {
      nodeName: options.nodeName,
      hostIP: () => reporter.hostIP,
      allocatable: { cpu: host?.cpuCores ?? 1, memory: memory - memoryReserve(memory), ephemeralStorage: 0 },
      memoryCapacity: memory,
      allowPrivileged: options.allowPrivileged,
    },
    podsDir: join(options.stateDir, "pods"),
    objects: new CachingObjectSource(client),
    status: statusSink(client),
    events,
    images: new ImageManager(runtime, timing.backoff),
    imageRefs: new ImageRefs(runtime),
    services: () => network?.state.services.values() ?? [],
    log: log.child("pod"),
    timing,
  };
  const manager = new PodManager(deps, options.maxPods);
  manager.start();

  const assignments = new AssignmentsLoop(client, options.nodeName, (pods, _rv, receivedAt) => {
    hooks.onAssignments?.(pods, receivedAt);
    manager.setPods(pods);
  }, log.child("assignments"));
  assignments.start();

  const tunnel = new TunnelClient(http, client, options.nodeName, new LogStreams(runtime, options.nodeName, log.child("logs")), log.child("tunnel"));
  tunnel.start();
  reporter.start();
  events.node("Normal", "Starting", "Starting kubelet.");
  events.node("Normal", "NodeReady", `Node ${options.nodeName} status is now: NodeReady`);

  return {
    nodeName: options.nodeName,
    network,
    manager,
    reporter,
    tunnel,
    runtime,
    async stop() {
      reporter.stop();
      await Promise.all([manager.stop(), assignments.stop(), tunnel.stop(), network?.stop()]);
      http.close();
    },
  };
}
