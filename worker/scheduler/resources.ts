// Pod resource requests the way kube-scheduler computes them
// (resourcehelper.PodRequests): app containers add up, restartable init
// containers (sidecars) run alongside them, and a plain init container runs
// alone, so the pod needs the larger of the two; overhead comes on top.
import { tryParseQuantity } from "../schema/quantity.ts";

export interface ContainerResources {
  resources?: { requests?: Readonly<Record<string, string | number>>; limits?: Readonly<Record<string, string | number>> };
  restartPolicy?: string;
}

export interface Requests {
  cpu: number;
  memory: number;
}

/** kube-scheduler's defaults for containers that request nothing, used only for scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function quantity(list: Readonly<Record<string, string | number>> | undefined, name: string): number | undefined {
  const raw = list?.[name];
  return raw === undefined ? undefined : tryParseQuantity(raw);
}

/** A container's request, falling back to its limit as API defaulting does. */
function containerRequest(c: ContainerResources, nonZero: boolean): Requests {
  const cpu = quantity(c.resources?.requests, "cpu") ?? quantity(c.resources?.limits, "cpu");
  const memory = quantity(c.resources?.requests, "memory") ?? quantity(c.resources?.limits, "memory");
  return {
    cpu: cpu === undefined ? (nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0) : Math.ceil(cpu * 1000 - 1e-9),
    memory: memory === undefined ? (nonZero ? DEFAULT_MEMORY_REQUEST : 0) : Math.ceil(memory - 1e-9),
  };
}

export function podRequests(
  containers: readonly ContainerResources[],
  initContainers: readonly ContainerResources[],
  overhead: Readonly<Record<string, string | number>> | undefined,
  nonZero: boolean,
): Requests {
  const total: Requests = { cpu: 0, memory: 0 };
  for (const c of containers) add(total, containerRequest(c, nonZero));
  const sidecars: Requests = { cpu: 0, memory: 0 };
  const init: Requests = { cpu: 0, memory: 0 };
  for (const c of initContainers) {
    const own = containerRequest(c, nonZero);
    let peak: Requests;
    if (c.restartPolicy === "Always") {
      add(total, own);
      add(sidecars, own);
      peak = sidecars;
    } else {
      peak = { cpu: own.cpu + sidecars.cpu, memory: own.memory + sidecars.memory };
    }
    init.cpu = Math.max(init.cpu, peak.cpu);
    init.memory = Math.max(init.memory, peak.memory);
  }
  total.cpu = Math.max(total.cpu, init.cpu);
  total.memory = Math.max(total.memory, init.memory);
  const overheadCpu = quantity(overhead, "cpu");
  const overheadMemory = quantity(overhead, "memory");
  if (overheadCpu !== undefined) total.cpu += Math.ceil(overheadCpu * 1000 - 1e-9);
  if (overheadMemory !== undefined) total.memory += Math.ceil(overheadMemory - 1e-9);
  return total;
}

function add(into: Requests, more: Requests): void {
  into.cpu += more.cpu;
  into.memory += more.memory;
}

/** A node's allocatable (else capacity) cpu in millicores, memory in bytes, and pod slots. */
export function allocatableOf(status: { allocatable?: Record<string, string | number>; capacity?: Record<string, string | number> } | undefined): {
  cpu: number;
  memory: number;
  pods: number;
} {
  const pick = (name: string) => quantity(status?.allocatable, name) ?? quantity(status?.capacity, name) ?? 0;
  return { cpu: Math.floor(pick("cpu") * 1000 + 1e-9), memory: Math.floor(pick("memory") + 1e-9), pods: podSlots(status) };
}

/** kubelet's default max-pods, for nodes that do not report a pod capacity at all. */
const DEFAULT_MAX_PODS = 110;

function podSlots(status: { allocatable?: Record<string, string | number>; capacity?: Record<string, string | number> } | undefined): number {
  const pods = quantity(status?.allocatable, "pods") ?? quantity(status?.capacity, "pods");
  return pods === undefined ? DEFAULT_MAX_PODS : Math.floor(pods + 1e-9);
}
