// A container runtime that runs nothing: sandboxes and containers are
// records that go through created → running → exited, sandboxes get fake IPs
// from the node's podCIDR, exec succeeds and logs are empty. TEST TOOL, like
// kubemark's hollow nodes: `kubeflare-agent --runtime simulated` runs the
// real pod workers on it to test the control plane at scale without Docker.
import { randomBytes } from "node:crypto";
import type {
  ContainerDetails,
  ContainerRuntime,
  ContainerSpec,
  ExecResult,
  ImageInfo,
  LogOptions,
  LogStream,
  PodIdentity,
  RegistryAuth,
  RuntimeContainer,
  RuntimeEvent,
  SandboxSpec,
} from "../runtime.ts";
import { PodIpPool } from "./pod-ips.ts";
import { simulatedOutcome } from "./trivial-commands.ts";

const VERSION = "simulated-1.0";
/** SIGKILL's exit code, and SIGTERM's for a container that honours it. */
const KILLED = 137;
const TERMINATED = 143;

function imageInfo(ref: string): ImageInfo {
  return { id: `sha256:${Buffer.from(ref).toString("hex").padEnd(64, "0").slice(0, 64)}`, repoTags: [ref], repoDigests: [], sizeBytes: 1 << 20, user: "" };
}

export class SimulatedRuntime implements ContainerRuntime {
  readonly type = "simulated";
  private readonly containers = new Map<string, ContainerDetails & { exitTimer?: NodeJS.Timeout; command?: string[]; args?: string[] }>();
  private readonly images = new Map<string, ImageInfo>();
  private readonly listeners = new Set<(event: RuntimeEvent) => void>();
  private ips: PodIpPool;

  /** `podCidr`: the node's spec.podCIDR when known; setPodCidr() can supply it later. */
  constructor(podCidr?: string) {
    this.ips = new PodIpPool(podCidr);
  }

  setPodCidr(cidr: string): void {
    this.ips = new PodIpPool(cidr);
  }

  async version(): Promise<string> {
    return VERSION;
  }

  async ping(): Promise<void> {}

  async listImages(): Promise<ImageInfo[]> {
    return [...this.images.values()];
  }

  async inspectImage(ref: string): Promise<ImageInfo | undefined> {
    return this.images.get(ref);
  }

  /** Every pull succeeds at once: there is no registry. */
  async pullImage(ref: string, _auths: RegistryAuth[]): Promise<void> {
    this.images.set(ref, imageInfo(ref));
  }

  async listContainers(podUid?: string): Promise<RuntimeContainer[]> {
    return [...this.containers.values()].filter((c) => podUid === undefined || c.pod.uid === podUid).map((c) => this.summary(c));
  }

  async inspectContainer(id: string): Promise<ContainerDetails | undefined> {
    const c = this.containers.get(id);
    return c ? this.details(c) : undefined;
  }

  async runSandbox(spec: SandboxSpec): Promise<string> {
    const id = this.newId();
    const now = new Date();
    this.containers.set(id, {
      id, role: "sandbox", pod: spec.pod, name: "POD", attempt: spec.attempt, hash: "", phase: "running", createdAt: now,
      image: "kubeflare/pause:simulated", imageId: imageInfo("kubeflare/pause:simulated").id, startedAt: now, oomKilled: false,
      ip: spec.hostNetwork ? "" : this.ips.assign(`${spec.pod.uid}/${spec.attempt}`), tty: false, gracePeriodSeconds: spec.gracePeriodSeconds,
    });
    this.emit(spec.pod, id, "start");
    return id;
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    const id = this.newId();
    const image = this.images.get(spec.image) ?? imageInfo(spec.image);
    this.containers.set(id, {
      id, role: spec.role, pod: spec.pod, name: spec.name, attempt: spec.attempt, hash: spec.hash, phase: "created", createdAt: new Date(),
      image: spec.image, imageId: image.id, oomKilled: false, tty: spec.tty, sandboxId: spec.sandboxId, gracePeriodSeconds: spec.gracePeriodSeconds,
      command: spec.command, args: spec.args,
    });
    this.emit(spec.pod, id, "create");
    return id;
  }

  async startContainer(id: string): Promise<void> {
    const c = this.mustGet(id);
    c.phase = "running";
    c.startedAt = new Date();
    const outcome = simulatedOutcome(c.command, c.args);
    if (outcome.exitAfterMs !== undefined) {
      c.exitTimer = setTimeout(() => this.exit(id, outcome.exitCode), outcome.exitAfterMs);
      c.exitTimer.unref();
    }
    this.emit(c.pod, id, "start");
  }

  /** Simulated processes honour SIGTERM at once; the grace period never runs out. */
  async stopContainer(id: string, _graceMs: number, signal?: string): Promise<void> {
    const c = this.containers.get(id);
    if (!c || c.phase !== "running") return;
    this.exit(id, signal === "SIGKILL" ? KILLED : TERMINATED);
  }

  async removeContainer(id: string): Promise<void> {
    const c = this.containers.get(id);
    if (!c) return;
    clearTimeout(c.exitTimer);
    this.containers.delete(id);
    if (c.role === "sandbox") this.ips.release(`${c.pod.uid}/${c.attempt}`);
    this.emit(c.pod, id, "destroy");
  }

  /** Probes and hooks always succeed: nothing runs to fail them. */
  async exec(_id: string, _command: string[], _timeoutMs: number): Promise<ExecResult> {
    return { exitCode: 0, output: "", timedOut: false };
  }

  async logs(_id: string, _options: LogOptions): Promise<LogStream> {
    async function* none(): AsyncGenerator<Buffer> {}
    return { chunks: none(), close() {} };
  }

  async ensureMemoryVolume(pod: PodIdentity, volumeName: string): Promise<string> {
    return `simulated-${pod.uid}-${volumeName}`;
  }

  async removePodVolumes(_podUid: string): Promise<void> {}

  watchEvents(listener: (event: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private exit(id: string, exitCode: number): void {
    const c = this.containers.get(id);
    if (!c || c.phase !== "running") return;
    clearTimeout(c.exitTimer);
    c.phase = "exited";
    c.exitCode = exitCode;
    c.finishedAt = new Date();
    this.emit(c.pod, id, "die");
  }

  private emit(pod: PodIdentity, containerId: string, action: string): void {
    // Asynchronously, as a real runtime's event stream would deliver it.
    queueMicrotask(() => {
      for (const listener of this.listeners) listener({ podUid: pod.uid, containerId, action });
    });
  }

  private mustGet(id: string): ContainerDetails & { exitTimer?: NodeJS.Timeout; command?: string[]; args?: string[] } {
    const c = this.containers.get(id);
    if (!c) throw new Error(`no such container: ${id}`);
    return c;
  }

  private summary(c: ContainerDetails): RuntimeContainer {
    const { id, role, pod, name, attempt, hash, phase, createdAt, image, gracePeriodSeconds, sandboxId } = c;
    return { id, role, pod, name, attempt, hash, phase, createdAt, image, gracePeriodSeconds, sandboxId };
  }

  private details(c: ContainerDetails & { exitTimer?: NodeJS.Timeout; command?: string[]; args?: string[] }): ContainerDetails {
    const { exitTimer: _timer, command: _command, args: _args, ...details } = c;
    return { ...details };
  }

  private newId(): string {
    return randomBytes(32).toString("hex");
  }
}
