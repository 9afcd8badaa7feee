// The store's half of the node authorizer: relationships between a node and
// the objects its credential asks for, read from current state.
import { podReferences } from "../../apimachinery/pod-references.ts";
import type { StoreContext } from "./context.ts";

function nodeOf(spec: unknown): string | undefined {
  return (spec as { nodeName?: string } | undefined)?.nodeName;
}

export function nodeMayAccess(ctx: StoreContext, nodeName: string, plural: string, namespace: string, name: string): boolean {
  if (plural === "pods") {
    return nodeOf(ctx.log.read({ resource: "pods", namespace, name })?.spec) === nodeName;
  }
  for (const pod of ctx.log.podsOnNode(nodeName)) {
    if (pod.metadata.namespace !== namespace) continue;
    const refs = podReferences(pod.spec);
    const used =
      (plural === "configmaps" && refs.configMaps.has(name)) ||
      (plural === "secrets" && refs.secrets.has(name)) ||
      (plural === "serviceaccounts" && refs.serviceAccounts.has(name));
    if (used) return true;
  }
  return false;
}
