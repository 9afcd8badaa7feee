// The API resources this control plane serves: one row per resource, used by
// routing, discovery, the store's keys and Table rendering alike.

export type Subresource = "status" | "scale";

export interface ResourceType {
  /** API group; "" is the core group served under /api/v1. */
  group: string;
  version: string;
  /** Lower-case plural, unique across all groups here; also the store's key prefix. */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: Subresource[];
  /** The verbs Kubernetes advertises; every resource here supports all of them. */
  verbs: string[];
}

const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function resource(
  group: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  extra: { shortNames?: string[]; categories?: string[]; subresources?: Subresource[] } = {},
): ResourceType {
  return {
    group,
    version: "v1",
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames: extra.shortNames ?? [],
    categories: extra.categories ?? [],
    subresources: extra.subresources ?? [],
    verbs: ALL_VERBS,
  };
}

export const RESOURCES: readonly ResourceType[] = [
  resource("", "namespaces", "Namespace", false, { shortNames: ["ns"], subresources: ["status"] }),
  resource("", "pods", "Pod", true, { shortNames: ["po"], categories: ["all"], subresources: ["status"] }),
  resource("", "nodes", "Node", false, { shortNames: ["no"], subresources: ["status"] }),
  resource("", "services", "Service", true, { shortNames: ["svc"], categories: ["all"], subresources: ["status"] }),
  resource("", "endpoints", "Endpoints", true, { shortNames: ["ep"] }),
  resource("", "configmaps", "ConfigMap", true, { shortNames: ["cm"] }),
  resource("", "secrets", "Secret", true),
  resource("", "serviceaccounts", "ServiceAccount", true, { shortNames: ["sa"] }),
  resource("", "events", "Event", true, { shortNames: ["ev"] }),
  resource("apps", "deployments", "Deployment", true, {
    shortNames: ["deploy"],
    categories: ["all"],
    subresources: ["status", "scale"],
  }),
  resource("apps", "replicasets", "ReplicaSet", true, {
    shortNames: ["rs"],
    categories: ["all"],
    subresources: ["status", "scale"],
  }),
  resource("coordination.k8s.io", "leases", "Lease", true),
];

/** The group-versions served, in discovery order. */
export const GROUP_VERSIONS: readonly { group: string; version: string }[] = [
  { group: "", version: "v1" },
  { group: "apps", version: "v1" },
  { group: "coordination.k8s.io", version: "v1" },
];

export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group === "" ? r.version : `${r.group}/${r.version}`;
}

/** `pods`, or `deployments.apps`: the name Kubernetes uses in error messages. */
export function qualifiedName(r: ResourceType): string {
  return r.group === "" ? r.plural : `${r.plural}.${r.group}`;
}

const byGroupPlural = new Map(RESOURCES.map((r) => [`${r.group}/${r.plural}`, r]));
const byKind = new Map(RESOURCES.map((r) => [`${apiVersionOf(r)}/${r.kind}`, r]));
const byPlural = new Map(RESOURCES.map((r) => [r.plural, r]));

export function findResource(group: string, plural: string): ResourceType | undefined {
  return byGroupPlural.get(`${group}/${plural}`);
}

export function resourceByPlural(plural: string): ResourceType | undefined {
  return byPlural.get(plural);
}

export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return byKind.get(`${apiVersion}/${kind}`);
}

export function resourcesIn(group: string, version: string): ResourceType[] {
  return RESOURCES.filter((r) => r.group === group && r.version === version);
}
