// A node without a control plane: the real pod manager and Docker runtime,
// with an in-memory "API server" that applies status patches exactly as the
// worker's strategic merge does, so tests read statuses as kubectl would.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Pod, PodSpec, PodStatus, Service } from "../../worker/schema/kinds.ts";
import { applyPatch } from "../../worker/patch/index.ts";
import type { KubeObject } from "../../worker/apimachinery/object.ts";
import { createLogger, silentLogger } from "../../node-agent/log.ts";
import type { Logger } from "../../node-agent/log.ts";
import { DEFAULT_TIMING } from "../../node-agent/pods/deps.ts";
import type { PodWorkerDeps, StatusSink, WorkerTiming } from "../../node-agent/pods/deps.ts";
import type { EventSink, EventType } from "../../node-agent/pods/event-sink.ts";
import { ImageManager } from "../../node-agent/pods/images.ts";
import { ImageRefs } from "../../node-agent/pods/image-refs.ts";
import { StaticObjectSource } from "../../node-agent/pods/object-source.ts";
import { PodManager } from "../../node-agent/pods/pod-manager.ts";
import { DockerRuntime } from "../../node-agent/runtime/docker/docker-runtime.ts";
import { TEST_IMAGE, TEST_NODE_PREFIX, removeTestContainers, testDocker } from "./docker-fixtures.ts";

export { TEST_IMAGE };

export interface RecordedEvent {
  pod: string;
  type: EventType;
  reason: string;
  message: string;
}

/** The API server's part, in memory: pods by uid, status patches applied, deletions confirmed. */
export class FakeControlPlane implements StatusSink, EventSink {
  readonly pods = new Map<string, Pod>();
  readonly confirmed = new Set<string>();
  readonly events: RecordedEvent[] = [];
  /** Every status the server held, with when it was written. */
  readonly history: { uid: string; at: number; status: PodStatus }[] = [];
  patchCount = 0;
  /** Set to make every status call fail, as an unreachable control plane would. */
  unreachable = false;
  private revision = 1;

  add(pod: Pod): Pod {
    pod.metadata.resourceVersion = String(++this.revision);
    this.pods.set(pod.metadata.uid ?? "", pod);
    return pod;
  }

  /** Marks the pod for graceful deletion, as the API's DELETE does for a running pod. */
  markDeleted(uid: string, graceSeconds?: number): Pod {
    const pod = structuredClone(this.get(uid));
    const grace = graceSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    pod.metadata.deletionTimestamp = new Date(Date.now() + grace * 1000).toISOString().replace(/\.\d+Z$/, "Z");
    pod.metadata.deletionGracePeriodSeconds = grace;
    return this.add(pod);
  }

  get(uid: string): Pod {
    const pod = this.pods.get(uid);
    if (!pod) throw new Error(`no pod ${uid}`);
    return pod;
  }

  status(uid: string): PodStatus {
    return this.pods.get(uid)?.status ?? {};
  }

  async patchStatus(pod: Pod, patch: object): Promise<Pod | undefined> {
    if (this.unreachable) throw new Error("connect ECONNREFUSED (test: control plane unreachable)");
    const uid = pod.metadata.uid ?? "";
    const live = this.pods.get(uid);
    if (!live) return undefined;
    const patched = applyPatch("strategic", live as unknown as KubeObject, patch) as unknown as Pod;
    this.patchCount++;
    this.history.push({ uid, at: Date.now(), status: structuredClone(patched.status ?? {}) });
    return this.add(patched);
  }

  async confirmDeletion(pod: Pod): Promise<void> {
    if (this.unreachable) throw new Error("connect ECONNREFUSED (test: control plane unreachable)");
    this.confirmed.add(pod.metadata.uid ?? "");
    this.pods.delete(pod.metadata.uid ?? "");
  }

  pod(pod: Pod, type: EventType, reason: string, message: string): void {
    this.events.push({ pod: pod.metadata.name ?? "", type, reason, message });
  }
}

export function makePod(name: string, spec: PodSpec, extra: { labels?: Record<string, string>; namespace?: string } = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: extra.namespace ?? "default",
      uid: randomUUID(),
      labels: extra.labels,
      creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    },
    spec: { restartPolicy: "Always", terminationGracePeriodSeconds: 30, ...spec },
    status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True" }] },
  };
}

export interface TestNode {
  nodeName: string;
  cp: FakeControlPlane;
  objects: StaticObjectSource;
  runtime: DockerRuntime;
  manager: PodManager;
  stateDir: string;
  deps: PodWorkerDeps;
  /** Pushes the fake control plane's pods to the manager (the assignments loop's job). */
  sync(): void;
  /** Stops the manager, leaving containers (an agent restart). */
  stop(): Promise<void>;
  /** Stops and removes everything this node created. */
  destroy(): Promise<void>;
}

export interface TestNodeOptions {
  nodeName?: string;
  stateDir?: string;
  cp?: FakeControlPlane;
  objects?: StaticObjectSource;
  timing?: Partial<WorkerTiming>;
  allowPrivileged?: boolean;
  /** The cluster's Services as the node sees them (Service environment variables). */
  services?: Service[];
  verbose?: boolean;
}

export function uniqueNodeName(tag: string): string {
  return `${TEST_NODE_PREFIX}${tag}-${randomUUID().slice(0, 6)}`;
}

export async function startTestNode(options: TestNodeOptions = {}): Promise<TestNode> {
  const nodeName = options.nodeName ?? uniqueNodeName("node");
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), `${nodeName}-`)));
  const cp = options.cp ?? new FakeControlPlane();
  const objects = options.objects ?? new StaticObjectSource();
  const log: Logger = options.verbose || process.env.AGENT_TEST_LOG ? createLogger("debug").child(nodeName) : silentLogger;
  const runtime = new DockerRuntime(testDocker(), nodeName);
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const deps: PodWorkerDeps = {
    runtime,
    node: {
      nodeName,
      hostIP: () => "127.0.0.1",
      allocatable: { cpu: 2, memory: 4 * 2 ** 30, ephemeralStorage: 20 * 2 ** 30 },
      memoryCapacity: 8 * 2 ** 30,
      allowPrivileged: options.allowPrivileged ?? false,
    },
    podsDir: join(stateDir, "pods"),
    objects,
    status: cp,
    events: cp,
    images: new ImageManager(runtime, timing.backoff),
    imageRefs: new ImageRefs(runtime),
    services: () => options.services ?? [],
    log,
    timing,
  };
  const manager = new PodManager(deps, 110);
  manager.start();
  return {
    nodeName,
    cp,
    objects,
    runtime,
    manager,
    stateDir,
    deps,
    sync: () => manager.setPods([...cp.pods.values()]),
    stop: () => manager.stop(),
    destroy: async () => {
      await manager.stop();
      await removeTestContainers(testDocker(), nodeName);
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value (not undefined/false) or the time runs out. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function condition(status: PodStatus, type: string): string | undefined {
  return status.conditions?.find((c) => c.type === type)?.status;
}

export function containerStatus(status: PodStatus, name: string) {
  return [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((c) => c.name === name);
}

/** Runs a command in the pod's named container and returns its output. */
export async function execIn(node: TestNode, uid: string, container: string, command: string[]): Promise<{ exitCode: number; output: string }> {
  const containers = await node.runtime.listContainers(uid);
  const target = containers.filter((c) => c.name === container && c.phase === "running").sort((a, b) => b.attempt - a.attempt)[0];
  if (!target) throw new Error(`container ${container} of pod ${uid} is not running`);
  const result = await node.runtime.exec(target.id, command, 10_000);
  return { exitCode: result.exitCode, output: result.output };
}
