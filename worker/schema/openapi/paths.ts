// OpenAPI `paths` for one resource, as the API server publishes them. kubectl
// looks for a PATCH operation carrying the kind's group-version-kind and a
// `fieldValidation` parameter before it sends fieldValidation=Strict.
import type { ResourceType } from "../../apimachinery/registry.ts";
import type { JsonObject } from "./components.ts";

type GVK = { group: string; version: string; kind: string };

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

function query(name: string, description: string, type: "string" | "boolean" | "integer" = "string"): JsonObject {
  return { name, in: "query", description, schema: { type, uniqueItems: true } };
}

function pathParam(name: string, description: string): JsonObject {
  return { name, in: "path", description, required: true, schema: { type: "string", uniqueItems: true } };
}

const DRY_RUN = query("dryRun", "When present, indicates that modifications should not be persisted. Valid value: All.");
const FIELD_MANAGER = query("fieldManager", "A name associated with the actor or entity that is making these changes.");
const FIELD_VALIDATION = query(
  "fieldValidation",
  "Instructs the server how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn (default) and Strict.",
);
const FORCE = query("force", "Force is going to \"force\" Apply requests; it must be unset for non-apply patch requests.", "boolean");
const PRETTY = query("pretty", "If 'true', then the output is pretty printed.");
const LIST_PARAMS = [
  query("allowWatchBookmarks", "allowWatchBookmarks requests watch events with type \"BOOKMARK\".", "boolean"),
  query("continue", "The continue option should be set when retrieving more results from the server."),
  query("fieldSelector", "A selector to restrict the list of returned objects by their fields."),
  query("labelSelector", "A selector to restrict the list of returned objects by their labels."),
  query("limit", "limit is a maximum number of responses to return for a list call.", "integer"),
  query("resourceVersion", "resourceVersion sets a constraint on what resource versions a request may be served from."),
  query("resourceVersionMatch", "resourceVersionMatch determines how resourceVersion is applied to list calls."),
  query("sendInitialEvents", "sendInitialEvents=true may be set together with watch=true.", "boolean"),
  query("timeoutSeconds", "Timeout for the list/watch call.", "integer"),
  query("watch", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.", "boolean"),
];
const DELETE_PARAMS = [
  DRY_RUN,
  query("gracePeriodSeconds", "The duration in seconds before the object should be deleted.", "integer"),
  query("propagationPolicy", "Whether and how garbage collection will be performed: Orphan, Background or Foreground."),
];

const ref = (id: string): JsonObject => ({ $ref: `#/components/schemas/${id}` });

function content(schemaId: string): JsonObject {
  const schema = ref(schemaId);
  return { "application/json": { schema }, "application/yaml": { schema } };
}

function response(schemaId: string, codes: string[] = ["200"]): JsonObject {
  const out: JsonObject = { "401": { description: "Unauthorized" } };
  for (const code of codes) out[code] = { description: code === "201" ? "Created" : code === "202" ? "Accepted" : "OK", content: content(schemaId) };
  return out;
}

function operationId(verb: string, r: ResourceType, gvk: GVK, scoped: "Namespaced" | "" | "ForAllNamespaces", suffix = ""): string {
  const group = r.group === "" ? "Core" : r.group.split(".")[0].replace(/^./, (c) => c.toUpperCase());
  const version = r.version.replace(/^./, (c) => c.toUpperCase());
  const ns = scoped === "Namespaced" ? "Namespaced" : "";
  const all = scoped === "ForAllNamespaces" ? "ForAllNamespaces" : "";
  return `${verb}${group}${version}${ns}${gvk.kind === "Scale" ? r.kind : gvk.kind}${suffix}${all}`;
}

interface Op {
  verb: string;
  action: string;
  schema: string;
  params?: JsonObject[];
  body?: "object" | "patch";
  codes?: string[];
}

function operation(r: ResourceType, gvk: GVK, scoped: "Namespaced" | "" | "ForAllNamespaces", op: Op, suffix = ""): JsonObject {
  const out: JsonObject = {
    description: `${op.action} ${suffix ? `${suffix.toLowerCase()} of ` : ""}the specified ${r.kind}`,
    operationId: operationId(op.verb, r, gvk, scoped, suffix),
    tags: [`${r.group === "" ? "core" : r.group.split(".")[0]}_${r.version}`],
    parameters: op.params ?? [],
    responses: response(op.schema, op.codes),
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": gvk,
  };
  if (op.body === "object") out.requestBody = { content: content(op.schema), required: true };
  if (op.body === "patch") {
    const schema = ref(`${META}.Patch`);
    out.requestBody = {
      content: Object.fromEntries(
        [
          "application/apply-patch+yaml",
          "application/json-patch+json",
          "application/merge-patch+json",
          "application/strategic-merge-patch+json",
        ].map((t) => [t, { schema }]),
      ),
      required: true,
    };
  }
  return out;
}

function itemOps(schema: string, withDelete: boolean): Op[] {
  const ops: Op[] = [
    { verb: "read", action: "get", schema },
    { verb: "replace", action: "put", schema, body: "object", params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], codes: ["200", "201"] },
    { verb: "patch", action: "patch", schema, body: "patch", params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], codes: ["200", "201"] },
  ];
  if (withDelete) ops.push({ verb: "delete", action: "delete", schema, params: DELETE_PARAMS, codes: ["200", "202"] });
  return ops;
}

const METHOD: Record<string, string> = { get: "get", list: "get", put: "put", patch: "patch", delete: "delete", post: "post", deletecollection: "delete" };

function pathItem(r: ResourceType, gvk: GVK, scoped: "Namespaced" | "" | "ForAllNamespaces", params: JsonObject[], ops: Op[], suffix = ""): JsonObject {
  const item: JsonObject = { parameters: [...params, PRETTY] };
  for (const op of ops) item[METHOD[op.action]] = operation(r, gvk, scoped, op, suffix);
  return item;
}

/** The paths of one resource: collection, item, and its subresources. */
export function resourcePaths(r: ResourceType, kindId: string): Record<string, JsonObject> {
  const base = r.group === "" ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  const gvk: GVK = { group: r.group, version: r.version, kind: r.kind };
  const list = `${kindId}List`;
  const scoped = r.namespaced ? "Namespaced" : "";
  const prefix = r.namespaced ? `${base}/namespaces/{namespace}/${r.plural}` : `${base}/${r.plural}`;
  const nsParam = r.namespaced ? [pathParam("namespace", "object name and auth scope, such as for teams and projects")] : [];
  const nameParam = pathParam("name", `name of the ${r.kind}`);
  const paths: Record<string, JsonObject> = {};
  paths[prefix] = pathItem(r, gvk, scoped, nsParam, [
    { verb: "list", action: "list", schema: list, params: LIST_PARAMS },
    { verb: "create", action: "post", schema: kindId, body: "object", params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], codes: ["200", "201", "202"] },
    { verb: "deleteCollection", action: "deletecollection", schema: `${META}.Status`, params: [...DELETE_PARAMS, ...LIST_PARAMS] },
  ]);
  paths[`${prefix}/{name}`] = pathItem(r, gvk, scoped, [nameParam, ...nsParam], itemOps(kindId, true));
  if (r.namespaced) {
    paths[`${base}/${r.plural}`] = pathItem(r, gvk, "ForAllNamespaces", [], [{ verb: "list", action: "list", schema: list, params: LIST_PARAMS }]);
  }
  if (r.subresources.includes("status")) {
    paths[`${prefix}/{name}/status`] = pathItem(r, gvk, scoped, [nameParam, ...nsParam], itemOps(kindId, false), "Status");
  }
  if (r.subresources.includes("scale")) {
    const scaleGvk: GVK = { group: "autoscaling", version: "v1", kind: "Scale" };
    paths[`${prefix}/{name}/scale`] = pathItem(r, scaleGvk, scoped, [nameParam, ...nsParam], itemOps("io.k8s.api.autoscaling.v1.Scale", false), "Scale");
  }
  return paths;
}
