// The downward API: pod fields (fieldRef) and container resources
// (resourceFieldRef) as strings, shared by env vars and downwardAPI volumes.
import type { Container, Pod } from "../../worker/schema/kinds.ts";
import { parseQuantity } from "../../worker/schema/quantity.ts";

export class ConfigError extends Error {}

export interface PodRuntimeFacts {
  podIP: string;
  hostIP: string;
  /** What the node can give a container without limits (cores, bytes). */
  allocatable: { cpu: number; memory: number; ephemeralStorage: number };
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.+)'\]$/;

/** `key="value"` lines, sorted, with values escaped as Kubernetes writes them. */
export function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(map?.[k] ?? "")}`)
    .join("\n");
}

export function fieldRefValue(pod: Pod, fieldPath: string, facts: PodRuntimeFacts): string {
  const meta = pod.metadata;
  const subscript = SUBSCRIPT.exec(fieldPath);
  if (subscript) {
    const map = subscript[1] === "labels" ? meta.labels : meta.annotations;
    return map?.[subscript[2]] ?? "";
  }
  switch (fieldPath) {
    case "metadata.name":
      return meta.name ?? "";
    case "metadata.namespace":
      return meta.namespace ?? "";
    case "metadata.uid":
      return meta.uid ?? "";
    case "metadata.labels":
      return formatMap(meta.labels);
    case "metadata.annotations":
      return formatMap(meta.annotations);
    case "spec.nodeName":
      return pod.spec?.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec?.serviceAccountName ?? "";
    case "status.podIP":
    case "status.podIPs":
      return facts.podIP;
    case "status.hostIP":
    case "status.hostIPs":
      return facts.hostIP;
    default:
      throw new ConfigError(`unsupported fieldRef fieldPath "${fieldPath}"`);
  }
}

export function resourceFieldValue(
  pod: Pod,
  ref: { containerName?: string; resource: string; divisor?: string },
  defaultContainer: string | undefined,
  facts: PodRuntimeFacts,
): string {
  const name = ref.containerName || defaultContainer;
  const container: Container | undefined = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === name);
  if (!container) throw new ConfigError(`resourceFieldRef: container "${name ?? ""}" not found in the pod`);
  const [kind, resource] = ref.resource.split(".", 2);
  const list = kind === "limits" ? container.resources?.limits : kind === "requests" ? container.resources?.requests : undefined;
  if (!list || !resource) {
    if (kind !== "limits" && kind !== "requests") throw new ConfigError(`resourceFieldRef: unsupported resource "${ref.resource}"`);
  }
  const divisor = ref.divisor ? parseQuantity(ref.divisor) : 1;
  const stated = list?.[resource];
  let value: number;
  if (stated !== undefined) value = parseQuantity(stated);
  else if (kind === "limits") {
    // No limit: the node's allocatable, as kubelet reports it.
    value = resource === "cpu" ? facts.allocatable.cpu : resource === "memory" ? facts.allocatable.memory : facts.allocatable.ephemeralStorage;
  } else value = 0;
  // Kubernetes rounds up, so 250m of CPU with divisor 1 reads "1".
  return String(Math.ceil(value / divisor - 1e-9));
}
