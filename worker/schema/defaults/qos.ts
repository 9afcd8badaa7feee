// The pod's QoS class, computed as kubelet's GetPodQOS does.
import type { PodSpecValue } from "../pod.ts";
import { tryParseQuantity } from "../quantity.ts";

export type QOSClass = "BestEffort" | "Burstable" | "Guaranteed";

const COMPUTE = ["cpu", "memory"] as const;

export function podQOSClass(spec: PodSpecValue): QOSClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    const limitsFound = new Set<string>();
    for (const name of COMPUTE) {
      const req = tryParseQuantity(c.resources?.requests?.[name] ?? "0") ?? 0;
      if (req > 0) requests.set(name, (requests.get(name) ?? 0) + req);
      const lim = tryParseQuantity(c.resources?.limits?.[name] ?? "0") ?? 0;
      if (lim > 0) {
        limitsFound.add(name);
        limits.set(name, (limits.get(name) ?? 0) + lim);
      }
    }
    if (!COMPUTE.every((n) => limitsFound.has(n))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
