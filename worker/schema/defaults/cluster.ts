// Namespace, Node and Endpoints defaults.
import type { Endpoints } from "../endpoints.ts";
import type { Namespace } from "../namespace.ts";
import type { Node } from "../node.ts";

/** The "kubernetes" finalizer is added on create only: namespace deletion removes it. */
export function defaultNamespace(ns: Namespace, creating: boolean): void {
  if (creating) {
    const spec = (ns.spec ??= {});
    const finalizers = (spec.finalizers ??= []);
    if (!finalizers.includes("kubernetes")) finalizers.push("kubernetes");
  }
  const status = (ns.status ??= {});
  status.phase ??= "Active";
}

export function defaultNode(node: Node): void {
  const spec = node.spec;
  if (spec?.podCIDR && !spec.podCIDRs) spec.podCIDRs = [spec.podCIDR];
  const status = node.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

export function defaultEndpoints(ep: Endpoints): void {
  for (const subset of ep.subsets ?? []) for (const port of subset.ports ?? []) port.protocol ??= "TCP";
}
