/** Who is calling: the cluster administrator, or a node agent bound to its node name. */
export type Identity = { kind: "admin" } | { kind: "node"; nodeName: string };
