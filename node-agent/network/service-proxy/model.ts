// What the proxy routes, reduced from Services and Endpoints: one entry per
// service port with its ClusterIP, NodePort, affinity and ready backends.
import type { Endpoints, Service } from "../../../worker/schema/kinds.ts";
import { isIPv4 } from "../cidr.ts";

export type Protocol = "tcp" | "udp" | "sctp";

export interface Backend {
  ip: string;
  port: number;
}

export interface ServicePortRoute {
  /** "namespace/name:portName" — stable, hashed into chain names. */
  key: string;
  protocol: Protocol;
  clusterIP?: string;
  port: number;
  nodePort?: number;
  /** Seconds a client sticks to its backend (sessionAffinity: ClientIP). */
  affinitySeconds?: number;
  /** Ready backends only: not-ready addresses never receive traffic. */
  backends: Backend[];
}

const DEFAULT_AFFINITY_SECONDS = 10_800;

function backendsFor(endpoints: Endpoints | undefined, portName: string, protocol: string): Backend[] {
  const backends: Backend[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    const ports = subset.ports ?? [];
    // The Endpoints controller names endpoint ports after the service port; a single unnamed port matches itself.
    const match = ports.find((p) => (p.name ?? "") === portName && (p.protocol ?? "TCP") === protocol);
    if (!match) continue;
    for (const address of subset.addresses ?? []) {
      if (isIPv4(address.ip)) backends.push({ ip: address.ip, port: match.port });
    }
  }
  // Sorted, so the same set always produces the same rules and no needless rewrite.
  return backends.sort((a, b) => (a.ip === b.ip ? a.port - b.port : a.ip < b.ip ? -1 : 1));
}

export function serviceRoutes(service: Service, endpoints: Endpoints | undefined): ServicePortRoute[] {
  const spec = service.spec;
  if (!spec || spec.type === "ExternalName") return [];
  const clusterIP = spec.clusterIP && spec.clusterIP !== "None" && isIPv4(spec.clusterIP) ? spec.clusterIP : undefined;
  const exposesNodePorts = spec.type === "NodePort" || spec.type === "LoadBalancer";
  const affinitySeconds = spec.sessionAffinity === "ClientIP" ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) : undefined;
  const name = `${service.metadata.namespace ?? "default"}/${service.metadata.name ?? ""}`;
  const routes: ServicePortRoute[] = [];
  for (const port of spec.ports ?? []) {
    const protocol = port.protocol ?? "TCP";
    const nodePort = exposesNodePorts && port.nodePort ? port.nodePort : undefined;
    if (!clusterIP && !nodePort) continue;
    routes.push({
      key: `${name}:${port.name ?? ""}`,
      protocol: protocol.toLowerCase() as Protocol,
      clusterIP,
      port: port.port,
      nodePort,
      affinitySeconds,
      backends: backendsFor(endpoints, port.name ?? "", protocol),
    });
  }
  return routes;
}

export function allRoutes(services: Iterable<Service>, endpointsByKey: ReadonlyMap<string, Endpoints>): ServicePortRoute[] {
  const routes: ServicePortRoute[] = [];
  for (const service of services) {
    const key = `${service.metadata.namespace ?? "default"}/${service.metadata.name ?? ""}`;
    routes.push(...serviceRoutes(service, endpointsByKey.get(key)));
  }
  return routes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
