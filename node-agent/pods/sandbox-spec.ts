// The pod-level half of a pod's runtime config: hostname, host ports, DNS,
// host aliases and sysctls all belong to the sandbox, since the containers
// share its network namespace.
import type { Pod } from "../../worker/schema/kinds.ts";
import type { PortMapping, SandboxSpec } from "../runtime/runtime.ts";
import { podIdentity } from "./pod-identity.ts";

export function gracePeriodSeconds(pod: Pod): number {
  return pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
}

export function sandboxSpec(pod: Pod, attempt: number): SandboxSpec {
  const spec = pod.spec;
  const ports: PortMapping[] = [];
  for (const container of spec?.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (!port.hostPort) continue;
      ports.push({ containerPort: port.containerPort, hostPort: port.hostPort, protocol: port.protocol ?? "TCP", hostIp: port.hostIP });
    }
  }
  const dnsConfig = spec?.dnsConfig;
  const dns = dnsConfig || spec?.dnsPolicy === "None"
    ? {
        servers: dnsConfig?.nameservers ?? [],
        searches: dnsConfig?.searches ?? [],
        options: (dnsConfig?.options ?? []).map((o) => (o.value !== undefined ? `${o.name}:${o.value}` : (o.name ?? ""))).filter(Boolean),
      }
    : undefined;
  // A hostname is a DNS label: kubelet truncates long pod names to 63 characters.
  const hostname = (spec?.hostname ?? pod.metadata.name ?? "pod").slice(0, 63).replace(/[-.]+$/, "");
  return {
    pod: podIdentity(pod),
    attempt,
    hostname,
    hostNetwork: spec?.hostNetwork ?? false,
    ports,
    dns,
    hostAliases: (spec?.hostAliases ?? []).map((a) => ({ ip: a.ip, hostnames: a.hostnames ?? [] })),
    sysctls: Object.fromEntries((spec?.securityContext?.sysctls ?? []).map((s) => [s.name, s.value])),
    gracePeriodSeconds: gracePeriodSeconds(pod),
  };
}
