// Which pods a Service's Endpoints lists, and how each pod appears there
// (endpoints_controller.go: ShouldPodBeInEndpoints, podToEndpointAddressForService).
import type { Pod, Service } from "../../schema/kinds.ts";
import type { EndpointAddress } from "./types.ts";

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** Terminating pods stay listed only when the Service publishes not-ready addresses. */
export function shouldBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isTerminal(pod)) return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

function isIPv6(ip: string): boolean {
  return ip.includes(":");
}

/** The pod IP of the Service's (first) IP family; undefined if the pod has none. */
function podIPFor(service: Service, pod: Pod): string | undefined {
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? [];
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  const family = service.spec?.ipFamilies?.[0];
  // A headless Service without families takes the pod's primary IP, whatever its family.
  if (!family) return ips[0];
  return ips.find((ip) => isIPv6(ip) === (family === "IPv6"));
}

export function addressFor(service: Service, pod: Pod): EndpointAddress | undefined {
  const ip = podIPFor(service, pod);
  if (!ip) return undefined;
  const meta = pod.metadata;
  const address: EndpointAddress = {
    ip,
    targetRef: { kind: "Pod", namespace: meta.namespace, name: meta.name, uid: meta.uid },
  };
  if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
  // Pod DNS names (hostname.subdomain.ns.svc) exist only under the Service named by the subdomain.
  const hostname = pod.spec?.hostname;
  if (hostname && pod.spec?.subdomain === service.metadata.name && meta.namespace === service.metadata.namespace) {
    address.hostname = hostname;
  }
  return address;
}
