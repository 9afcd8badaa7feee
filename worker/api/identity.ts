/** Who is calling: the cluster administrator, or a node agent bound to its node name. */
export type Identity = { kind: "admin" } | { kind: "node"; nodeName: string };

export function userName(identity: Identity): string {
  return identity.kind === "admin" ? "kubeflare:admin" : `system:node:${identity.nodeName}`;
}
