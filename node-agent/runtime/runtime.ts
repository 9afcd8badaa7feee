// The container runtime as the pod workers see it: sandboxes, containers,
// images, exec and logs, in Kubernetes terms (like CRI) rather than Docker's.
// The Docker Engine implementation is in docker/; anything speaking these
// calls (Podman's Docker-compatible socket through the same code, or a
// simulated runtime for scale tests) can stand in.

export type ContainerRole = "sandbox" | "init" | "app";

/** Which pod a container belongs to; stamped on every container at creation. */
export interface PodIdentity {
  uid: string;
  name: string;
  namespace: string;
}

export type ContainerPhase = "created" | "running" | "exited" | "unknown";

export interface RuntimeContainer {
  id: string;
  role: ContainerRole;
  pod: PodIdentity;
  /** The container's name in the pod spec ("POD" for a sandbox). */
  name: string;
  /** Restart count at creation: 0 for the first instance of a container. */
  attempt: number;
  /** Hash of the container spec it was created from; a different hash means restart. */
  hash: string;
  phase: ContainerPhase;
  createdAt: Date;
  image: string;
  /** The pod's grace period when this container was created; used when the pod is gone. */
  gracePeriodSeconds?: number;
  /** Containers only: the sandbox whose namespaces they joined. */
  sandboxId?: string;
}

export interface ContainerDetails extends RuntimeContainer {
  /** Image ID the container runs ("sha256:…"). */
  imageId: string;
  startedAt?: Date;
  finishedAt?: Date;
  exitCode?: number;
  oomKilled: boolean;
  /** The runtime's error when the container could not start. */
  error?: string;
  /** Sandboxes only: the pod's IP address (empty for host networking). */
  ip?: string;
  tty: boolean;
}

export interface PortMapping {
  containerPort: number;
  hostPort: number;
  protocol: "TCP" | "UDP" | "SCTP";
  hostIp?: string;
}

export interface SandboxSpec {
  pod: PodIdentity;
  attempt: number;
  hostname: string;
  hostNetwork: boolean;
  /** The network to join instead of the runtime's default (the node's pod network). */
  network?: string;
  ports: PortMapping[];
  dns?: { servers: string[]; searches: string[]; options: string[] };
  hostAliases: { ip: string; hostnames: string[] }[];
  sysctls: Record<string, string>;
  gracePeriodSeconds: number;
}

export type Mount =
  /** A directory or file on the host. */
  | { type: "bind"; source: string; target: string; readOnly: boolean }
  /** A runtime-managed volume (tmpfs emptyDirs), shared by the pod's containers. */
  | { type: "volume"; source: string; target: string; readOnly: boolean };

export interface ContainerResources {
  memoryLimitBytes?: number;
  cpuQuotaMicros?: number;
  cpuPeriodMicros?: number;
  cpuShares?: number;
  oomScoreAdj?: number;
}

export interface ContainerSecurity {
  /** "uid", "uid:gid" or undefined for the image's user. */
  user?: string;
  supplementalGroups: number[];
  readOnlyRootFilesystem: boolean;
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  noNewPrivileges: boolean;
}

export interface ContainerSpec {
  pod: PodIdentity;
  sandboxId: string;
  role: "init" | "app";
  name: string;
  attempt: number;
  hash: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  /** KEY=VALUE, in order. */
  env: string[];
  mounts: Mount[];
  resources: ContainerResources;
  security: ContainerSecurity;
  stopSignal?: string;
  tty: boolean;
  stdin: boolean;
  stdinOnce: boolean;
  shareProcessNamespace: boolean;
  gracePeriodSeconds: number;
}

export interface ImageInfo {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  sizeBytes: number;
  /** The image's configured user ("" for root). */
  user: string;
}

export interface RegistryAuth {
  serveraddress: string;
  username?: string;
  password?: string;
  auth?: string;
  identitytoken?: string;
}

export interface ExecResult {
  exitCode: number;
  output: string;
  timedOut: boolean;
}

export interface LogOptions {
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
}

/** A container's log as decoded bytes (stdout and stderr interleaved). */
export interface LogStream {
  chunks: AsyncIterable<Buffer>;
  close(): void;
}

export interface RuntimeEvent {
  podUid: string;
  containerId: string;
  action: string;
}

export interface ContainerRuntime {
  readonly type: string;
  version(): Promise<string>;
  ping(): Promise<void>;
  listImages(): Promise<ImageInfo[]>;
  inspectImage(ref: string): Promise<ImageInfo | undefined>;
  /** Pulls `ref`, trying each credential in turn (anonymous when none). */
  pullImage(ref: string, auths: RegistryAuth[]): Promise<void>;
  /** This node's containers (all pods, or one pod's). */
  listContainers(podUid?: string): Promise<RuntimeContainer[]>;
  inspectContainer(id: string): Promise<ContainerDetails | undefined>;
  /** Creates and starts the container holding the pod's namespaces. */
  runSandbox(spec: SandboxSpec): Promise<string>;
  createContainer(spec: ContainerSpec): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** Sends `signal` (default: the container's stop signal), then SIGKILL after `graceMs`. */
  stopContainer(id: string, graceMs: number, signal?: string): Promise<void>;
  removeContainer(id: string): Promise<void>;
  exec(id: string, command: string[], timeoutMs: number): Promise<ExecResult>;
  logs(id: string, options: LogOptions): Promise<LogStream>;
  /** A tmpfs volume the pod's containers share (emptyDir medium Memory). */
  ensureMemoryVolume(pod: PodIdentity, volumeName: string, sizeBytes?: number): Promise<string>;
  removePodVolumes(podUid: string): Promise<void>;
  /** Calls `listener` for container events of this node's pods until the returned function is called. */
  watchEvents(listener: (event: RuntimeEvent) => void): () => void;
}
