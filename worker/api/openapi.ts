// GET /openapi/v3 and the per group-version documents, generated once per
// isolate from the zod schemas. kubectl uses them for fieldValidation support,
// client-side strategic merge patches and `kubectl explain`.
import type { ResourceType } from "../apimachinery/registry.ts";
import { GROUP_VERSIONS, resourcesIn } from "../apimachinery/registry.ts";
import { componentsFor, kindRef } from "../schema/openapi/components.ts";
import type { JsonObject } from "../schema/openapi/components.ts";
import { resourcePaths } from "../schema/openapi/paths.ts";
import { KIND_SCHEMAS } from "../schema/kinds.ts";
import type { KindName } from "../schema/kinds.ts";

interface Generated {
  document: JsonObject;
  hash: string;
}

const cache = new Map<string, Generated>();
let root: JsonObject | undefined;

function gvKey(group: string, version: string): string {
  return group === "" ? `api/${version}` : `apis/${group}/${version}`;
}

function isKindName(kind: string): kind is KindName {
  return Object.hasOwn(KIND_SCHEMAS, kind);
}

/** FNV-1a 64-bit: a stable content hash, so kubectl's cache key changes only with the document. */
function hashOf(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).toUpperCase().padStart(16, "0");
}

function generate(group: string, version: string): Generated | undefined {
  const served = resourcesIn(group, version).filter((r: ResourceType) => isKindName(r.kind));
  if (served.length === 0) return undefined;
  const kinds = served.map((r) => kindRef(r.group, r.version, r.kind as KindName));
  const withScale = served.some((r) => r.subresources.includes("scale"))
    ? [...kinds, kindRef("autoscaling", "v1", "Scale")]
    : kinds;
  const paths: Record<string, JsonObject> = {};
  served.forEach((r, i) => Object.assign(paths, resourcePaths(r, kinds[i].id)));
  const document: JsonObject = {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: "v1.32.4" },
    paths,
    components: {
      schemas: componentsFor(withScale, kinds),
      securitySchemes: { BearerToken: { type: "apiKey", description: "Bearer Token authentication", name: "authorization", in: "header" } },
    },
    security: [{ BearerToken: [] }],
  };
  return { document, hash: hashOf(JSON.stringify(document)) };
}

function generated(group: string, version: string): Generated | undefined {
  const key = gvKey(group, version);
  if (!cache.has(key)) {
    const doc = generate(group, version);
    if (!doc) return undefined;
    cache.set(key, doc);
  }
  return cache.get(key);
}

export function openapiRoot(): object {
  if (!root) {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const { group, version } of GROUP_VERSIONS) {
      const doc = generated(group, version);
      if (!doc) continue;
      const key = gvKey(group, version);
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
    }
    root = { paths };
  }
  return root;
}

export function openapiGroupVersion(group: string, version: string): object | undefined {
  return generated(group, version)?.document;
}
