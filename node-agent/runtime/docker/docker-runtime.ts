// The ContainerRuntime over the Docker Engine API (dockerode). Everything it
// lists, watches or removes is filtered by this node's label, so agents that
// share an engine never touch each other's containers.
import type Dockerode from "dockerode";
import type { Readable } from "node:stream";
import type {
  ContainerDetails,
  ContainerPhase,
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
import { containerCreateOptions, sandboxCreateOptions } from "./create-options.ts";
import { dockerEvents } from "./events.ts";
import { execInContainer } from "./exec.ts";
import { pullImage } from "./image-pull.ts";
import { LABEL, roleOf } from "./labels.ts";
import { demuxDockerLog, rawLog } from "./log-demux.ts";
import { PAUSE_IMAGE, ensurePauseImage } from "./pause-image.ts";

const ZERO_TIME = "0001-01-01T00:00:00Z";

export function statusCode(error: unknown): number | undefined {
  return (error as { statusCode?: number } | null)?.statusCode;
}

/** Docker's errors carry the JSON body in `json.message`; `message` repeats the HTTP framing. */
export function dockerMessage(error: unknown): string {
  const json = (error as { json?: { message?: string } } | null)?.json;
  if (json?.message) return json.message;
  return error instanceof Error ? error.message : String(error);
}

function phaseOf(state: string): ContainerPhase {
  switch (state) {
    case "running":
    case "paused":
    case "restarting":
      return "running";
    case "created":
      return "created";
    case "exited":
    case "dead":
    case "removing":
      return "exited";
    default:
      return "unknown";
  }
}

function podOf(labels: Record<string, string>): PodIdentity {
  return { uid: labels[LABEL.podUid] ?? "", name: labels[LABEL.podName] ?? "", namespace: labels[LABEL.podNamespace] ?? "" };
}

function time(text: string | undefined): Date | undefined {
  if (!text || text.startsWith(ZERO_TIME.slice(0, 4))) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function gracePeriodOf(labels: Record<string, string>): number | undefined {
  const value = Number(labels[LABEL.gracePeriod]);
  return Number.isFinite(value) && labels[LABEL.gracePeriod] !== undefined ? value : undefined;
}

async function* once(buffer: Buffer): AsyncGenerator<Buffer> {
  yield buffer;
}

export interface DockerRuntimeOptions {
  /** Facts about the engine worth one log line (how the sandbox image was built…). */
  onNote?: (message: string) => void;
  /** Every stop and removal, for --verbose. */
  debug?: (message: string) => void;
  podNetwork?: string;
}

export class DockerRuntime implements ContainerRuntime {
  readonly type = "docker";
  private prepared: Promise<void> | undefined;
  /** The lowest OOM score adjustment this engine applies; learned from the first sandbox. */
  private oomFloor = -1000;

  private readonly onNote: (message: string) => void;
  private readonly debug: (message: string) => void;
  /** The Docker network sandboxes join: the default bridge, or a node's own pod network. */
  readonly podNetwork: string;

  constructor(
    readonly docker: Dockerode,
    readonly nodeName: string,
    options: DockerRuntimeOptions = {},
  ) {
    this.onNote = options.onNote ?? (() => {});
    this.debug = options.debug ?? (() => {});
    this.podNetwork = options.podNetwork ?? "bridge";
  }

  async version(): Promise<string> {
    return (await this.docker.version()).Version;
  }

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async listImages(): Promise<ImageInfo[]> {
    const images = await this.docker.listImages();
    return images.map((image) => ({
      id: image.Id,
      repoTags: (image.RepoTags ?? []).filter((tag) => tag !== "<none>:<none>"),
      repoDigests: (image.RepoDigests ?? []).filter((digest) => !digest.startsWith("<none>")),
      sizeBytes: image.Size,
      user: "",
    }));
  }

  async inspectImage(ref: string): Promise<ImageInfo | undefined> {
    try {
      const image = await this.docker.getImage(ref).inspect();
      return { id: image.Id, repoTags: image.RepoTags ?? [], repoDigests: image.RepoDigests ?? [], sizeBytes: image.Size, user: image.Config?.User ?? "" };
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw new Error(`inspecting image ${ref}: ${dockerMessage(error)}`);
    }
  }

  pullImage(ref: string, auths: RegistryAuth[]): Promise<void> {
    return pullImage(this.docker, ref, auths);
  }

  async listContainers(podUid?: string): Promise<RuntimeContainer[]> {
    const label = [`${LABEL.node}=${this.nodeName}`];
    if (podUid) label.push(`${LABEL.podUid}=${podUid}`);
    const found = await this.docker.listContainers({ all: true, filters: { label } });
    return found.map((c) => ({
      id: c.Id,
      role: roleOf(c.Labels),
      pod: podOf(c.Labels),
      name: c.Labels[LABEL.containerName] ?? "",
      attempt: Number(c.Labels[LABEL.restartCount] ?? 0) || 0,
      hash: c.Labels[LABEL.hash] ?? "",
      phase: phaseOf(c.State),
      createdAt: new Date(c.Created * 1000),
      image: c.Image,
      gracePeriodSeconds: gracePeriodOf(c.Labels),
      sandboxId: c.Labels[LABEL.sandboxId],
    }));
  }

  async inspectContainer(id: string): Promise<ContainerDetails | undefined> {
    let info: Dockerode.ContainerInspectInfo;
    try {
      info = await this.docker.getContainer(id).inspect();
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw new Error(`inspecting container ${id.slice(0, 12)}: ${dockerMessage(error)}`);
    }
    const labels = info.Config.Labels ?? {};
    const networks = Object.values(info.NetworkSettings.Networks ?? {});
    const ip = (info.NetworkSettings as { IPAddress?: string }).IPAddress || networks.find((n) => n.IPAddress)?.IPAddress || "";
    // A container Docker could not start stays "created" with an error and exit code: it has run and failed.
    const failedStart = info.State.Status === "created" && info.State.Error !== "";
    const finished = info.State.Status === "exited" || info.State.Status === "dead" || failedStart;
    return {
      id: info.Id,
      role: roleOf(labels),
      pod: podOf(labels),
      name: labels[LABEL.containerName] ?? "",
      attempt: Number(labels[LABEL.restartCount] ?? 0) || 0,
      hash: labels[LABEL.hash] ?? "",
      phase: failedStart ? "exited" : phaseOf(info.State.Status),
      createdAt: new Date(info.Created),
      image: info.Config.Image,
      gracePeriodSeconds: gracePeriodOf(labels),
      sandboxId: labels[LABEL.sandboxId],
      imageId: info.Image,
      startedAt: time(info.State.StartedAt),
      finishedAt: finished ? (time(info.State.FinishedAt) ?? new Date(info.Created)) : undefined,
      exitCode: finished ? info.State.ExitCode : undefined,
      oomKilled: info.State.OOMKilled,
      error: info.State.Error || undefined,
      ip,
      tty: info.Config.Tty,
    };
  }

  /**
   * Once per agent: the sandbox image exists, and whether the engine may
   * lower OOM scores is known. Where dockerd may not (some VMs and rootless
   * setups), runc fails to start such containers, so the agent learns it
   * from a throwaway container instead of failing real pods.
   */
  private prepare(): Promise<void> {
    this.prepared ??= (async () => {
      const how = await ensurePauseImage(this.docker);
      if (how) this.onNote(`built the sandbox image ${PAUSE_IMAGE} from the ${how}`);
      const probe = await this.docker.createContainer({
        name: `kubeflare-oom-probe-${this.nodeName}-${process.pid}`,
        Image: PAUSE_IMAGE,
        Labels: { [LABEL.node]: this.nodeName },
        HostConfig: { OomScoreAdj: -998, NetworkMode: "none" },
      });
      try {
        await probe.start();
      } catch {
        this.oomFloor = 0;
        this.onNote("this engine cannot lower OOM scores; sandboxes and Guaranteed pods run without OOM protection");
      } finally {
        await probe.remove({ force: true }).catch(() => {});
      }
    })().catch((error: unknown) => {
      this.prepared = undefined;
      throw new Error(`preparing the runtime: ${dockerMessage(error)}`);
    });
    return this.prepared;
  }

  async runSandbox(spec: SandboxSpec): Promise<string> {
    await this.prepare();
    const id = await this.create(sandboxCreateOptions(spec, this.nodeName, this.oomFloor, this.podNetwork));
    try {
      await this.startContainer(id);
    } catch (error) {
      // A sandbox that never started must not linger as the pod's newest sandbox.
      await this.removeContainer(id);
      throw error;
    }
    return id;
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    await this.prepare();
    return this.create(containerCreateOptions(spec, this.nodeName, this.oomFloor));
  }

  private async create(options: Dockerode.ContainerCreateOptions): Promise<string> {
    try {
      return (await this.docker.createContainer(options)).id;
    } catch (error) {
      if (statusCode(error) === 409 && options.name) {
        // Left from an interrupted attempt: replace it, but never a live one.
        const existing = await this.docker.getContainer(options.name).inspect().catch(() => undefined);
        if (existing?.State.Running) throw new Error(`a running container named ${options.name} exists already`);
        this.debug(`${options.name} exists already (not running); replacing it`);
        await this.removeContainer(options.name);
        return (await this.docker.createContainer(options)).id;
      }
      throw new Error(dockerMessage(error));
    }
  }

  async startContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).start();
    } catch (error) {
      if (statusCode(error) === 304) return;
      throw new Error(dockerMessage(error));
    }
  }

  async stopContainer(id: string, graceMs: number, signal?: string): Promise<void> {
    this.debug(`stop ${id.slice(0, 12)} (grace ${graceMs} ms${signal ? `, ${signal}` : ""})`);
    const container = this.docker.getContainer(id);
    try {
      if (signal) {
        await container.kill({ signal });
        await this.waitForExit(id, graceMs);
      } else if (graceMs <= 0) {
        await container.kill({ signal: "SIGKILL" });
      } else {
        // Docker sends the container's StopSignal, then SIGKILL after t seconds.
        await container.stop({ t: Math.max(1, Math.ceil(graceMs / 1000)) });
      }
    } catch (error) {
      const code = statusCode(error);
      // 304: already stopped; 404: already gone; 409: not running.
      if (code === 304 || code === 404 || code === 409) return;
      throw new Error(`stopping container ${id.slice(0, 12)}: ${dockerMessage(error)}`);
    }
  }

  private async waitForExit(id: string, graceMs: number): Promise<void> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), graceMs);
    try {
      await this.docker.getContainer(id).wait({ condition: "not-running", abortSignal: abort.signal });
    } catch {
      await this.docker.getContainer(id).kill({ signal: "SIGKILL" }).catch(() => {});
    } finally {
      clearTimeout(timer);
    }
  }

  async removeContainer(id: string): Promise<void> {
    this.debug(`remove ${id.length === 64 ? id.slice(0, 12) : id}`);
    try {
      await this.docker.getContainer(id).remove({ force: true, v: false });
    } catch (error) {
      const code = statusCode(error);
      if (code === 404 || code === 409) return;
      throw new Error(`removing container ${id.slice(0, 12)}: ${dockerMessage(error)}`);
    }
  }

  exec(id: string, command: string[], timeoutMs: number): Promise<ExecResult> {
    return execInContainer(this.docker, id, command, timeoutMs);
  }

  async logs(id: string, options: LogOptions): Promise<LogStream> {
    const container = this.docker.getContainer(id);
    const info = await container.inspect();
    const abort = new AbortController();
    const common = {
      stdout: true,
      stderr: true,
      timestamps: options.timestamps,
      tail: options.tailLines,
      since: options.sinceSeconds ? Math.floor(Date.now() / 1000) - options.sinceSeconds : undefined,
      abortSignal: abort.signal,
    };
    let source: AsyncIterable<Buffer>;
    let stream: Readable | undefined;
    if (options.follow) {
      stream = (await container.logs({ ...common, follow: true })) as Readable;
      source = stream;
    } else {
      source = once(await container.logs({ ...common, follow: false }));
    }
    return {
      chunks: info.Config.Tty ? rawLog(source) : demuxDockerLog(source),
      close: () => {
        abort.abort();
        stream?.destroy();
      },
    };
  }

  async ensureMemoryVolume(pod: PodIdentity, volumeName: string, sizeBytes?: number): Promise<string> {
    const name = `kubeflare_${pod.uid}_${volumeName}`;
    const options = ["mode=1777", ...(sizeBytes ? [`size=${sizeBytes}`] : [])].join(",");
    try {
      await this.docker.createVolume({
        Name: name,
        Driver: "local",
        DriverOpts: { type: "tmpfs", device: "tmpfs", o: options },
        Labels: { [LABEL.podUid]: pod.uid, [LABEL.node]: this.nodeName },
      });
    } catch (error) {
      throw new Error(`creating tmpfs volume for ${volumeName}: ${dockerMessage(error)}`);
    }
    return name;
  }

  async removePodVolumes(podUid: string): Promise<void> {
    const list = await this.docker.listVolumes({ filters: { label: [`${LABEL.podUid}=${podUid}`, `${LABEL.node}=${this.nodeName}`] } });
    for (const volume of list.Volumes ?? []) {
      try {
        await this.docker.getVolume(volume.Name).remove();
      } catch (error) {
        if (statusCode(error) !== 404) throw new Error(`removing volume ${volume.Name}: ${dockerMessage(error)}`);
      }
    }
  }

  watchEvents(listener: (event: RuntimeEvent) => void): () => void {
    return dockerEvents(this.docker, this.nodeName, listener);
  }
}
