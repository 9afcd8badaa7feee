// What a Service's Endpoints should hold, computed from the Service and the
// pods its selector matches (endpoints_controller.go syncService).
import type { Pod, Service } from "../../schema/kinds.ts";
import { findPort } from "./ports.ts";
import { addressFor, isPodReady, shouldBeInEndpoints } from "./pod-address.ts";
import { repackSubsets } from "./repack.ts";
import type { EndpointAddress, EndpointPort, EndpointSubset } from "./types.ts";

/** Marks Endpoints this controller owns (Kubernetes 1.33+). */
export const MANAGED_BY_LABEL = "endpoints.kubernetes.io/managed-by";
export const CONTROLLER_NAME = "endpoint-controller";
export const HEADLESS_LABEL = "service.kubernetes.io/headless";

export function isHeadless(service: Service): boolean {
  const ip = service.spec?.clusterIP;
  return ip === "None" || !ip;
}

/** A selector as a plain map, or undefined for Services whose Endpoints their users manage. */
export function selectorOf(service: Service): Record<string, string> | undefined {
  const selector = service.spec?.selector;
  // An empty map does not survive Kubernetes' storage round trip, so it means "no selector" there too.
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
}

export function selects(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const [key, value] of Object.entries(selector)) if (labels?.[key] !== value) return false;
  return true;
}

function subsetOf(address: EndpointAddress, ports: EndpointPort[], ready: boolean): EndpointSubset {
  const subset: EndpointSubset = ready ? { addresses: [address] } : { notReadyAddresses: [address] };
  if (ports.length) subset.ports = ports;
  return subset;
}

export function desiredSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const spec = service.spec ?? {};
  const publishNotReady = spec.publishNotReadyAddresses === true;
  const servicePorts = spec.ports ?? [];
  const raw: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldBeInEndpoints(pod, publishNotReady)) continue;
    const address = addressFor(service, pod);
    if (!address) continue;
    const ready = publishNotReady || isPodReady(pod);
    if (servicePorts.length === 0) {
      // Only headless Services list port-less addresses: DNS needs them, a proxy cannot use them.
      if (spec.clusterIP === "None") raw.push(subsetOf(address, [], ready));
      continue;
    }
    for (const servicePort of servicePorts) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue;
      const endpointPort: EndpointPort = { port, protocol: servicePort.protocol ?? "TCP" };
      if (servicePort.name) endpointPort.name = servicePort.name;
      if (servicePort.appProtocol) endpointPort.appProtocol = servicePort.appProtocol;
      raw.push(subsetOf(address, [endpointPort], ready));
    }
  }
  return repackSubsets(raw);
}

export function desiredLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = { ...service.metadata.labels, [MANAGED_BY_LABEL]: CONTROLLER_NAME };
  if (isHeadless(service)) labels[HEADLESS_LABEL] = "";
  else delete labels[HEADLESS_LABEL];
  return labels;
}
