// `kubeflare-agent --runtime simulated`: the real agent's parts (join,
// NodeReporter heartbeats, the assignments long-poll, the pod manager and
// its pod workers, events) over the SimulatedRuntime instead of Docker, so
// the full kubelet logic runs without containers. TEST TOOL. It mirrors
// agent.ts's assembly because that one builds its Docker runtime itself;
// there is no tunnel (simulated containers have no logs to serve).
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { AgentOptions } from "../config/args.ts";
import { statusSink } from "../agent.ts";
import { AssignmentsLoop } from "../control-plane/assignments-loop.ts";
import { NodeCredential } from "../control-plane/credential.ts";
import { EventRecorder } from "../control-plane/event-recorder.ts";
import { HttpClient } from "../control-plane/http-client.ts";
import { KubeClient } from "../control-plane/kube-client.ts";
import type { Logger } from "../log.ts";
import { memoryReserve } from "../node/node-object.ts";
import { NodeReporter } from "../node/node-reporter.ts";
import { DEFAULT_TIMING } from "../pods/deps.ts";
import type { PodWorkerDeps } from "../pods/deps.ts";
import { ImageManager } from "../pods/images.ts";
import { ImageRefs } from "../pods/image-refs.ts";
import { CachingObjectSource } from "../pods/object-source.ts";
import { PodManager } from "../pods/pod-manager.ts";
import { SimulatedRuntime } from "../runtime/simulated/simulated-runtime.ts";

export interface SimulatedAgent {
  nodeName: string;
  runtime: SimulatedRuntime;
  manager: PodManager;
  stop(): Promise<void>;
}

export async function startSimulatedAgent(options: AgentOptions, log: Logger): Promise<SimulatedAgent> {
  await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
  const http = new HttpClient(options.server, { insecureSkipTlsVerify: options.insecureSkipTlsVerify });
  const client = new KubeClient(http, new NodeCredential(http, options.stateDir, options.nodeName, options.joinToken, log.child("join")));
  const runtime = new SimulatedRuntime();
  log.info(`node ${options.nodeName}: SIMULATED runtime (test tool: no containers run), control plane ${options.server}`);

  const identity = { nodeName: options.nodeName, labels: { "kubeflare.dev/simulated": "true", ...options.labels }, maxPods: options.maxPods };
  const reporter = new NodeReporter(client, runtime, identity, options.stateDir, log.child("node"));
  const node = await reporter.register();
  if (node.spec?.podCIDR) runtime.setPodCidr(node.spec.podCIDR);
  const memory = reporter.hostFacts?.memoryBytes ?? 0;

  const events = new EventRecorder(client, options.nodeName, log.child("events"));
  const timing = { ...DEFAULT_TIMING };
  const deps: PodWorkerDeps = {
    runtime,
    node: {
      nodeName: options.nodeName,
      hostIP: () => reporter.hostIP,
      allocatable: { cpu: reporter.hostFacts?.cpuCores ?? 1, memory: memory - memoryReserve(memory), ephemeralStorage: 0 },
      memoryCapacity: memory,
      allowPrivileged: options.allowPrivileged,
    },
    podsDir: join(options.stateDir, "pods"),
    objects: new CachingObjectSource(client),
    status: statusSink(client),
    events,
    images: new ImageManager(runtime, timing.backoff),
    imageRefs: new ImageRefs(runtime),
    log: log.child("pod"),
    timing,
  };
  const manager = new PodManager(deps, options.maxPods);
  manager.start();
  const assignments = new AssignmentsLoop(client, options.nodeName, (pods) => manager.setPods(pods), log.child("assignments"));
  assignments.start();
  reporter.start();
  events.node("Normal", "Starting", "Starting kubelet (simulated runtime).");
  return {
    nodeName: options.nodeName,
    runtime,
    manager,
    async stop() {
      reporter.stop();
      manager.stop();
      await assignments.stop();
      http.close();
    },
  };
}
