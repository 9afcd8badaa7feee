// The Deployment controller's timer kind and keys ("namespace/name").
import type { KubeObject } from "../../apimachinery/object.ts";

export const KIND = "deployment";

export function encodeDeploymentKey(d: KubeObject): string {
  return `${d.metadata.namespace ?? ""}/${d.metadata.name ?? ""}`;
}

export function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function decodeDeploymentKey(key: string): { namespace: string; name: string } {
  const [namespace = "", name = ""] = key.split("/");
  return { namespace, name };
}
