// The Node this agent registers and the status it reports: capacity and
// allocatable, nodeInfo, addresses, conditions and images, in kubelet's terms.
import type { Node, NodeCondition, NodeStatus } from "../../worker/schema/kinds.ts";
import type { ImageInfo } from "../runtime/runtime.ts";
import { rfc3339 } from "../util/time.ts";
import type { HostInfo } from "./host-info.ts";

export const KUBELET_VERSION = "v1.32.4-kubeflare";
/** Kubelet reports at most this many images. */
const MAX_IMAGES = 50;

export interface NodeIdentity {
  nodeName: string;
  labels: Record<string, string>;
  maxPods: number;
}

/** Memory kept back from pods: 5% of the host, between 256 MiB and 1 GiB (system reserve plus eviction headroom). */
export function memoryReserve(total: number): number {
  return Math.min(2 ** 30, Math.max(256 * 2 ** 20, Math.floor(total * 0.05)));
}

export function nodeLabels(identity: NodeIdentity, host: HostInfo): Record<string, string> {
  return {
    "kubernetes.io/hostname": identity.nodeName,
    "kubernetes.io/os": "linux",
    "kubernetes.io/arch": host.architecture,
    "beta.kubernetes.io/os": "linux",
    "beta.kubernetes.io/arch": host.architecture,
    ...identity.labels,
  };
}

function kibibytes(bytes: number): string {
  return `${Math.floor(bytes / 1024)}Ki`;
}

export interface Health {
  runtimeUp: boolean;
  runtimeError?: string;
  memoryPressure: boolean;
  diskPressure: boolean;
  pidPressure: boolean;
}

interface ConditionSpec {
  type: string;
  ok: boolean;
  trueReason: string;
  falseReason: string;
  trueMessage: string;
  falseMessage: string;
}

function conditionSpecs(health: Health): ConditionSpec[] {
  return [
    {
      type: "MemoryPressure",
      ok: health.memoryPressure,
      trueReason: "KubeletHasInsufficientMemory",
      falseReason: "KubeletHasSufficientMemory",
      trueMessage: "kubelet has insufficient memory available",
      falseMessage: "kubelet has sufficient memory available",
    },
    {
      type: "DiskPressure",
      ok: health.diskPressure,
      trueReason: "KubeletHasDiskPressure",
      falseReason: "KubeletHasNoDiskPressure",
      trueMessage: "kubelet has disk pressure",
      falseMessage: "kubelet has no disk pressure",
    },
    {
      type: "PIDPressure",
      ok: health.pidPressure,
      trueReason: "KubeletHasInsufficientPID",
      falseReason: "KubeletHasSufficientPID",
      trueMessage: "kubelet has insufficient PID available",
      falseMessage: "kubelet has sufficient PID available",
    },
    {
      type: "Ready",
      ok: health.runtimeUp,
      trueReason: "KubeletReady",
      falseReason: "KubeletNotReady",
      trueMessage: "kubelet is posting ready status",
      falseMessage: `container runtime is down: ${health.runtimeError ?? "not answering"}`,
    },
  ];
}

export function nodeConditions(health: Health, previous: NodeCondition[] | undefined, now: Date): NodeCondition[] {
  return conditionSpecs(health).map((spec) => {
    const status = spec.ok ? "True" : "False";
    const before = previous?.find((c) => c.type === spec.type);
    return {
      type: spec.type,
      status,
      reason: spec.ok ? spec.trueReason : spec.falseReason,
      message: spec.ok ? spec.trueMessage : spec.falseMessage,
      lastHeartbeatTime: rfc3339(now),
      lastTransitionTime: before?.status === status && before.lastTransitionTime ? before.lastTransitionTime : rfc3339(now),
    };
  });
}

export interface StatusInputs {
  identity: NodeIdentity;
  host: HostInfo;
  runtimeVersion: string;
  images: ImageInfo[];
  health: Health;
  ephemeralStorage?: number;
  previous?: NodeStatus;
  now: Date;
}

export function nodeStatus(inputs: StatusInputs): NodeStatus {
  const { host, identity } = inputs;
  const capacity: Record<string, string> = {
    cpu: String(host.cpuCores),
    memory: kibibytes(host.memoryBytes),
    pods: String(identity.maxPods),
  };
  const allocatable: Record<string, string> = {
    cpu: String(host.cpuCores),
    memory: kibibytes(host.memoryBytes - memoryReserve(host.memoryBytes)),
    pods: String(identity.maxPods),
  };
  if (inputs.ephemeralStorage) {
    capacity["ephemeral-storage"] = kibibytes(inputs.ephemeralStorage);
    // Kubelet's default eviction threshold keeps 10% of the disk free.
    allocatable["ephemeral-storage"] = kibibytes(Math.floor(inputs.ephemeralStorage * 0.9));
  }
  const images = [...inputs.images]
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, MAX_IMAGES)
    .map((image) => ({ names: [...image.repoDigests, ...image.repoTags], sizeBytes: image.sizeBytes }))
    .filter((image) => image.names.length > 0);
  return {
    capacity,
    allocatable,
    conditions: nodeConditions(inputs.health, inputs.previous?.conditions, inputs.now),
    addresses: [
      { type: "InternalIP", address: host.internalIP },
      { type: "Hostname", address: host.hostname },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
    nodeInfo: {
      machineID: host.machineID,
      systemUUID: host.systemUUID,
      bootID: host.bootID,
      kernelVersion: host.kernelVersion,
      osImage: host.osImage,
      containerRuntimeVersion: `docker://${inputs.runtimeVersion}`,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: "linux",
      architecture: host.architecture,
    },
    images,
  };
}

export function nodeObject(inputs: StatusInputs): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: inputs.identity.nodeName, labels: nodeLabels(inputs.identity, inputs.host) },
    spec: {},
    status: nodeStatus(inputs),
  };
}
