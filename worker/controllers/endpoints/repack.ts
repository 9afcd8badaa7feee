// endpoints.RepackSubsets: the canonical layout of Endpoints subsets. Ports
// served by exactly the same addresses (with the same readiness) share one
// subset, and everything is sorted, so two computations of the same state are
// equal element by element and a comparison needs no further normalizing.
import type { EndpointAddress, EndpointPort, EndpointSubset } from "./types.ts";

/** Stands in for "no ports" (headless Services without ports) so such addresses are kept. */
const NO_PORT: EndpointPort = { port: -1 };

interface PortAddresses {
  port: EndpointPort;
  /** address key -> ready */
  ready: Map<string, boolean>;
}

function addressKey(a: EndpointAddress): string {
  return `${a.ip}\u0000${a.targetRef?.uid ?? ""}`;
}

function portKey(p: EndpointPort): string {
  return JSON.stringify([p.name ?? "", p.port, p.protocol ?? "", p.appProtocol ?? ""]);
}

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? "";
  const ub = b.targetRef?.uid ?? "";
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();
  const byPort = new Map<string, PortAddresses>();
  const note = (address: EndpointAddress, port: EndpointPort, ready: boolean): void => {
    const key = addressKey(address);
    if (!addresses.has(key)) addresses.set(key, address);
    const pk = portKey(port);
    let entry = byPort.get(pk);
    if (!entry) byPort.set(pk, (entry = { port, ready: new Map() }));
    // Ready on any listing of the same port wins.
    if (entry.ready.get(key) !== true) entry.ready.set(key, ready);
  };
  for (const subset of subsets) {
    const ports = subset.ports?.length ? subset.ports : [NO_PORT];
    for (const port of ports) {
      for (const a of subset.addresses ?? []) note(a, port, true);
      for (const a of subset.notReadyAddresses ?? []) note(a, port, false);
    }
  }
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, ready } of byPort.values()) {
    const key = [...ready].map(([k, r]) => `${k}\u0000${r}`).sort().join("\u0001");
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ready, ports: [] }));
    if (port.port > 0) group.ports.push(port);
  }
  const result: EndpointSubset[] = [];
  for (const { ready, ports } of groups.values()) {
    const readyAddresses: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [key, isReady] of ready) {
      const address = addresses.get(key);
      if (address) (isReady ? readyAddresses : notReady).push(address);
    }
    const subset: EndpointSubset = {};
    if (readyAddresses.length) subset.addresses = readyAddresses.sort(compareAddresses);
    if (notReady.length) subset.notReadyAddresses = notReady.sort(compareAddresses);
    if (ports.length) subset.ports = ports.sort((a, b) => compareStrings(portKey(a), portKey(b)));
    result.push(subset);
  }
  return result.sort((a, b) => compareStrings(subsetKey(a), subsetKey(b)));
}

function subsetKey(s: EndpointSubset): string {
  const first = s.addresses?.[0] ?? s.notReadyAddresses?.[0];
  return JSON.stringify([(s.ports ?? []).map(portKey), first ? addressKey(first) : ""]);
}
