// Patch metadata: the `patchStrategy`/`patchMergeKey` struct tags of the
// Kubernetes Go types, for the kinds served here. Strategic merge patch and
// server-side apply both need them to tell keyed lists, sets and atomic lists
// apart; anything not described here is a plain map or an atomic list.

/** How one field of a struct patches. */
export interface FieldMeta {
  /** The struct type of this field's value, or of its list's elements. */
  type?: StructName;
  /** Lists only: "merge" merges (by `mergeKey` for lists of maps, as a set for
   * primitives); absent means the list is atomic and a patch replaces it. */
  strategy?: "merge";
  mergeKey?: string;
  /** The Go tag also carries retainKeys; `$retainKeys` is honoured anywhere,
   * so this is informational. */
  retainKeys?: boolean;
}

export type StructMeta = Readonly<Record<string, FieldMeta>>;

const byName = (type?: StructName): FieldMeta => ({ strategy: "merge", mergeKey: "name", ...(type ? { type } : {}) });
const conditions: FieldMeta = { strategy: "merge", mergeKey: "type" };

export type StructName =
  | "ObjectMeta"
  | "Container"
  | "PodSpec"
  | "PodStatus"
  | "PodTemplateSpec"
  | "NodeSpec"
  | "NodeStatus"
  | "NamespaceStatus"
  | "ServiceSpec"
  | "ServiceStatus"
  | "DeploymentSpec"
  | "DeploymentStatus"
  | "ReplicaSetSpec"
  | "ReplicaSetStatus"
  | "Pod"
  | "Node"
  | "Namespace"
  | "Service"
  | "Deployment"
  | "ReplicaSet"
  | "PodTemplate"
  | "ServiceAccount";

const STRUCTS: Readonly<Record<StructName, StructMeta>> = {
  ObjectMeta: {
    ownerReferences: { strategy: "merge", mergeKey: "uid" },
    finalizers: { strategy: "merge" },
  },
  Container: {
    ports: { strategy: "merge", mergeKey: "containerPort" },
    env: byName(),
    volumeMounts: { strategy: "merge", mergeKey: "mountPath" },
    volumeDevices: { strategy: "merge", mergeKey: "devicePath" },
  },
  PodSpec: {
    volumes: { ...byName(), retainKeys: true },
    initContainers: byName("Container"),
    containers: byName("Container"),
    // EphemeralContainer inlines the same fields as Container.
    ephemeralContainers: byName("Container"),
    imagePullSecrets: byName(),
    hostAliases: { strategy: "merge", mergeKey: "ip" },
    topologySpreadConstraints: { strategy: "merge", mergeKey: "topologyKey" },
    schedulingGates: byName(),
    resourceClaims: { ...byName(), retainKeys: true },
    // tolerations, readinessGates: no strategy, so atomic.
  },
  PodStatus: {
    conditions,
    podIPs: { strategy: "merge", mergeKey: "ip" },
    hostIPs: { strategy: "merge", mergeKey: "ip" },
    resourceClaimStatuses: { ...byName(), retainKeys: true },
  },
  PodTemplateSpec: {
    metadata: { type: "ObjectMeta" },
    spec: { type: "PodSpec" },
  },
  // Taints carry no patch strategy (listType=atomic); podCIDRs is a set.
  NodeSpec: { podCIDRs: { strategy: "merge" } },
  NodeStatus: { conditions, addresses: { strategy: "merge", mergeKey: "type" } },
  NamespaceStatus: { conditions },
  ServiceSpec: { ports: { strategy: "merge", mergeKey: "port" } },
  ServiceStatus: { conditions },
  DeploymentSpec: {
    template: { type: "PodTemplateSpec" },
    strategy: { retainKeys: true },
  },
  DeploymentStatus: { conditions },
  ReplicaSetSpec: { template: { type: "PodTemplateSpec" } },
  ReplicaSetStatus: { conditions },
  // Top-level kinds.
  Pod: { spec: { type: "PodSpec" }, status: { type: "PodStatus" } },
  Node: { spec: { type: "NodeSpec" }, status: { type: "NodeStatus" } },
  Namespace: { status: { type: "NamespaceStatus" } },
  Service: { spec: { type: "ServiceSpec" }, status: { type: "ServiceStatus" } },
  Deployment: { spec: { type: "DeploymentSpec" }, status: { type: "DeploymentStatus" } },
  ReplicaSet: { spec: { type: "ReplicaSetSpec" }, status: { type: "ReplicaSetStatus" } },
  PodTemplate: { template: { type: "PodTemplateSpec" } },
  ServiceAccount: { secrets: byName() },
};

const EMPTY: StructMeta = {};

/** A struct's field metadata; `undefined` (a plain map or unknown type) has none. */
export function structMeta(name: StructName | undefined): StructMeta {
  return name ? STRUCTS[name] : EMPTY;
}

/** The metadata for a top-level object of `kind`; every kind has ObjectMeta,
 * and kinds not listed get nothing more (their lists are atomic). */
export function kindMeta(kind: string): StructMeta {
  const own: StructMeta = Object.hasOwn(STRUCTS, kind) ? STRUCTS[kind as StructName] : EMPTY;
  return { metadata: { type: "ObjectMeta" }, ...own };
}

export type ListKind = "map" | "set" | "atomic";

/** How a list field behaves: keyed by `mergeKey`, a set of primitives, or atomic. */
export function listKind(field: FieldMeta | undefined): ListKind {
  if (field?.strategy !== "merge") return "atomic";
  return field.mergeKey ? "map" : "set";
}

/** Fields whose Go type is a map (not a struct). Managed fields mark a newly
 * created map with "." so its owner also owns the map itself; structs never are. */
const MAP_FIELDS = new Set([
  "labels",
  "annotations",
  "nodeSelector",
  "matchLabels",
  "limits",
  "requests",
  "data",
  "stringData",
  "binaryData",
  "capacity",
  "allocatable",
  "overhead",
  "selector", // a Service's selector is a map; a Deployment's is a struct, but rarely new alone
]);

export function isMapField(name: string): boolean {
  return MAP_FIELDS.has(name);
}
