// Services and Endpoints for the network tests, shaped as the control plane stores them.
import type { Endpoints, Service } from "../../worker/schema/kinds.ts";

export function service(namespace: string, name: string, spec: NonNullable<Service["spec"]>): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { namespace, name }, spec };
}

export function endpoints(namespace: string, name: string, ready: string[], port: number, options: { notReady?: string[]; portName?: string; hostnames?: Record<string, string> } = {}): Endpoints {
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { namespace, name },
    subsets: ready.length + (options.notReady?.length ?? 0) === 0
      ? []
      : [
          {
            addresses: ready.map((ip) => ({ ip, hostname: options.hostnames?.[ip] })),
            notReadyAddresses: (options.notReady ?? []).map((ip) => ({ ip })),
            ports: [{ name: options.portName, port, protocol: "TCP" }],
          },
        ],
  };
}
