// Discovery: /version, /api, /apis and the per-group-version resource lists
// kubectl reads (and caches) to turn `po`, `deploy` or `all` into URLs. All of
// it is derived from the registry so a new resource appears here by itself.
// Both the legacy documents and aggregated discovery (apidiscovery.k8s.io/v2,
// one request for all groups) are served, chosen by the Accept header.
import { Hono } from "hono";
import type { Context, Next } from "hono";
import type { ResourceType } from "../apimachinery/registry.ts";
import { GROUP_VERSIONS, apiVersionOf, resourcesIn } from "../apimachinery/registry.ts";
import { failure } from "../apimachinery/status.ts";
import { parseAccept } from "./tables/content-type.ts";

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

export const VERSION_INFO = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.4-kubeflare",
  gitCommit: "59526cd4867447956156ae3a602fcbac10a2c335",
  gitTreeState: "clean",
  buildDate: "2025-04-22T00:00:00Z",
  goVersion: "go1.23",
  compiler: "gc",
  platform: "linux/amd64",
} as const;

interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** A subresource as both discovery formats need it; `kind` defaults to the parent's group-version. */
interface SubresourceInfo {
  name: string;
  verbs: string[];
  responseKind: GroupVersionKind;
}

const READ_WRITE = ["get", "patch", "update"];

/**
 * Subresources served by dedicated handlers rather than declared on the
 * registry row (which only knows status and scale); keyed by plural.
 */
const HANDLER_SUBRESOURCES: Readonly<Record<string, readonly ((r: ResourceType) => SubresourceInfo)[]>> = {
  pods: [
    (r) => ({ name: "log", verbs: ["get"], responseKind: { group: r.group, version: r.version, kind: r.kind } }),
    (r) => ({ name: "binding", verbs: ["create"], responseKind: { group: r.group, version: r.version, kind: "Binding" } }),
    () => ({ name: "eviction", verbs: ["create"], responseKind: { group: "policy", version: "v1", kind: "Eviction" } }),
  ],
  namespaces: [
    (r) => ({ name: "finalize", verbs: ["update"], responseKind: { group: r.group, version: r.version, kind: r.kind } }),
  ],
};

function subresourcesOf(r: ResourceType): SubresourceInfo[] {
  const own = { group: r.group, version: r.version, kind: r.kind };
  const declared = r.subresources.map((s): SubresourceInfo =>
    s === "scale"
      ? { name: "scale", verbs: READ_WRITE, responseKind: { group: "autoscaling", version: "v1", kind: "Scale" } }
      : { name: s, verbs: READ_WRITE, responseKind: own },
  );
  const extra = (Object.hasOwn(HANDLER_SUBRESOURCES, r.plural) ? HANDLER_SUBRESOURCES[r.plural] : []).map((f) => f(r));
  return [...declared, ...extra].sort((a, b) => a.name.localeCompare(b.name));
}

// ---- legacy documents ----

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

function apiResources(group: string, version: string): APIResource[] {
  const out: APIResource[] = [];
  for (const r of resourcesIn(group, version)) {
    out.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
      ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories.length ? { categories: [...r.categories] } : {}),
    });
    for (const s of subresourcesOf(r)) {
      const foreign = s.responseKind.group !== r.group || s.responseKind.version !== r.version;
      out.push({
        name: `${r.plural}/${s.name}`,
        singularName: "",
        namespaced: r.namespaced,
        ...(foreign ? { group: s.responseKind.group, version: s.responseKind.version } : {}),
        kind: s.responseKind.kind,
        verbs: [...s.verbs],
      });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function namedGroups(): { name: string; versions: { groupVersion: string; version: string }[] }[] {
  const groups = new Map<string, { groupVersion: string; version: string }[]>();
  for (const gv of GROUP_VERSIONS) {
    if (gv.group === "") continue;
    const versions = groups.get(gv.group) ?? [];
    versions.push({ groupVersion: apiVersionOf(gv), version: gv.version });
    groups.set(gv.group, versions);
  }
  return [...groups].map(([name, versions]) => ({ name, versions }));
}

function apiGroup(g: { name: string; versions: { groupVersion: string; version: string }[] }) {
  // The first version listed is the preferred one, as GROUP_VERSIONS orders them.
  return { name: g.name, versions: g.versions, preferredVersion: g.versions[0] };
}

// ---- aggregated discovery (apidiscovery.k8s.io/v2) ----

function aggregatedGroup(name: string, versions: string[]) {
  return {
    metadata: { ...(name ? { name } : {}), creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resourcesIn(name, version).map((r) => ({
        resource: r.plural,
        responseKind: { group: r.group, version: r.version, kind: r.kind },
        scope: r.namespaced ? "Namespaced" : "Cluster",
        singularResource: r.singular,
        verbs: [...r.verbs],
        shortNames: [...r.shortNames],
        categories: [...r.categories],
        subresources: subresourcesOf(r).map((s) => ({
          subresource: s.name,
          responseKind: s.responseKind,
          verbs: [...s.verbs],
        })),
      })),
      freshness: "Current",
    })),
  };
}

function aggregatedList(items: ReturnType<typeof aggregatedGroup>[]) {
  return { kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {}, items };
}

/** True when the first media range this server can answer asks for aggregated v2 discovery. */
function wantsAggregated(accept: string | undefined): boolean {
  for (const m of parseAccept(accept ?? "")) {
    if (m.type !== "application/json" && m.type !== "application/*" && m.type !== "*/*") continue;
    const as = m.params.get("as");
    if (as === undefined) return false;
    if (as === "APIGroupDiscoveryList" && m.params.get("g") === "apidiscovery.k8s.io" && m.params.get("v") === "v2") {
      return true;
    }
  }
  return false;
}

function aggregated(c: Context, body: ReturnType<typeof aggregatedList>): Response {
  return c.body(JSON.stringify(body), 200, { "Content-Type": AGGREGATED_DISCOVERY_CONTENT_TYPE, Vary: "Accept" });
}

const NOT_FOUND = failure(404, "NotFound", "the server could not find the requested resource");

/** Discovery endpoints; the caller applies authentication. */
export function discoveryRoutes(): Hono {
  const app = new Hono();

  app.get("/version", (c) => c.json(VERSION_INFO));

  app.get("/api", (c) => {
    if (wantsAggregated(c.req.header("accept"))) {
      const core = GROUP_VERSIONS.filter((gv) => gv.group === "").map((gv) => gv.version);
      return aggregated(c, aggregatedList([aggregatedGroup("", core)]));
    }
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    return c.json(
      {
        kind: "APIVersions",
        versions: GROUP_VERSIONS.filter((gv) => gv.group === "").map((gv) => gv.version),
        serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: host }],
      },
      200,
      { Vary: "Accept" },
    );
  });

  app.get("/apis", (c) => {
    const groups = namedGroups();
    if (wantsAggregated(c.req.header("accept"))) {
      return aggregated(
        c,
        aggregatedList(groups.map((g) => aggregatedGroup(g.name, g.versions.map((v) => v.version)))),
      );
    }
    return c.json({ kind: "APIGroupList", apiVersion: "v1", groups: groups.map(apiGroup) }, 200, { Vary: "Accept" });
  });

  app.get("/api/:version", (c, next) => resourceList(c, next, ""));
  app.get("/apis/:group/:version", (c, next) => resourceList(c, next, c.req.param("group")));

  app.get("/apis/:group", async (c, next) => {
    const group = namedGroups().find((g) => g.name === c.req.param("group"));
    if (group === undefined) return next();
    return c.json({ kind: "APIGroup", apiVersion: "v1", ...apiGroup(group) });
  });

  app.notFound((c) => c.json(NOT_FOUND, 404));
  return app;
}

/** Unknown group-versions fall through, so routes mounted after these still get a chance. */
async function resourceList(c: Context, next: Next, group: string): Promise<Response | void> {
  const version = c.req.param("version") ?? "";
  if (!GROUP_VERSIONS.some((gv) => gv.group === group && gv.version === version)) return next();
  return c.json({
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: apiVersionOf({ group, version }),
    resources: apiResources(group, version),
  });
}
