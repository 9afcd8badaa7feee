// OpenAPI 3.0 `components.schemas` generated from the zod schemas, in the
// shape Kubernetes publishes (so kubectl explain and client-side strategic
// merge patches can read them).
import { z } from "zod";
import { ListMeta } from "../meta.ts";
import { KIND_SCHEMAS } from "../kinds.ts";
import type { KindName } from "../kinds.ts";

export type JsonObject = { [key: string]: unknown };

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

/** Scalars Kubernetes publishes as named string formats rather than as unions. */
const FIXED_SCHEMAS: Record<string, JsonObject> = {
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {
    description: "IntOrString is a type that can hold an int32 or a string.",
    type: "string",
    format: "int-or-string",
  },
  "io.k8s.apimachinery.pkg.api.resource.Quantity": {
    description: "Quantity is a fixed-point representation of a number, e.g. 100m, 1.5Gi, 2.",
    type: "string",
  },
  [`${META}.Time`]: { description: "Time is a wrapper around time.Time; serialized as RFC 3339.", type: "string", format: "date-time" },
  [`${META}.MicroTime`]: { description: "MicroTime is version of Time with microsecond level precision.", type: "string", format: "date-time" },
  [`${META}.Patch`]: {
    description: "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
    type: "object",
  },
  [`${META}.Status`]: {
    description: "Status is a return value for calls that don't return other objects.",
    type: "object",
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      code: { type: "integer", format: "int32" },
      message: { type: "string" },
      reason: { type: "string" },
      status: { type: "string" },
      details: { type: "object" },
      metadata: { allOf: [{ $ref: `#/components/schemas/${META}.ListMeta` }] },
    },
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Status" }],
  },
};

interface KindRef {
  id: string;
  group: string;
  version: string;
  kind: KindName;
}

function idOf(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("kind schema without an OpenAPI id");
  return id;
}

const listSchemas = new Map<string, z.ZodType>();

/** `PodList` etc.; built once, since ids in the global registry must be unique. */
function listSchema(ref: KindRef): z.ZodType {
  const key = ref.id;
  let list = listSchemas.get(key);
  if (!list) {
    list = z
      .object({
        apiVersion: z.string().optional(),
        kind: z.string().optional(),
        metadata: ListMeta.optional(),
        items: z.array(KIND_SCHEMAS[ref.kind]).describe(`List of ${ref.kind.toLowerCase()}s.`),
      })
      .meta({
        id: `${ref.id}List`,
        description: `${ref.kind}List is a list of ${ref.kind} objects.`,
        "x-kubernetes-group-version-kind": [{ group: ref.group, version: ref.version, kind: `${ref.kind}List` }],
      });
    listSchemas.set(key, list);
  }
  return list;
}

export function kindRef(group: string, version: string, kind: KindName): KindRef {
  return { id: idOf(KIND_SCHEMAS[kind]), group, version, kind };
}

const INT32 = 2147483647;

/** zod's JSON Schema dialect -> the OpenAPI 3.0 conventions Kubernetes uses. */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (typeof node !== "object" || node === null) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && typeof v === "string") out[k] = v.replace(/^#\/(definitions|\$defs)\//, "#/components/schemas/");
    else out[k] = normalize(v);
  }
  if (out.type === "integer") {
    const int32 = out.minimum === -INT32 - 1 && out.maximum === INT32;
    const safe = out.minimum === Number.MIN_SAFE_INTEGER && out.maximum === Number.MAX_SAFE_INTEGER;
    if (int32 || safe) {
      delete out.minimum;
      delete out.maximum;
      out.format = int32 ? "int32" : "int64";
    }
  }
  for (const k of ["items", "additionalProperties"]) {
    const wrapped = wrapRef(out[k], true);
    if (wrapped) out[k] = wrapped;
  }
  if (isObject(out.properties)) {
    const props = out.properties;
    for (const [name, value] of Object.entries(props)) {
      const wrapped = wrapRef(value, false);
      if (wrapped) props[name] = wrapped;
    }
  }
  // apiVersion, kind and metadata are filled in by the server; Kubernetes does not mark them required.
  if (out["x-kubernetes-group-version-kind"] && Array.isArray(out.required)) {
    const required = out.required.filter((f) => f !== "apiVersion" && f !== "kind" && f !== "metadata");
    if (required.length) out.required = required;
    else delete out.required;
  }
  return out;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const SCALAR_IDS = new Set(Object.keys(FIXED_SCHEMAS).map((id) => `#/components/schemas/${id}`));

/**
 * Kubernetes always references a named schema through a one-element allOf
 * (with `default: {}` for struct-valued items); kubectl's explain templates and
 * strategic-merge patch metadata are written against that shape.
 */
function wrapRef(value: unknown, inCollection: boolean): JsonObject | undefined {
  if (!isObject(value) || typeof value.$ref !== "string" || Object.keys(value).length !== 1) return undefined;
  const wrapped: JsonObject = { allOf: [{ $ref: value.$ref }] };
  if (inCollection && !SCALAR_IDS.has(value.$ref)) wrapped.default = {};
  return wrapped;
}

/** components.schemas holding `kinds`, their Lists, and everything they reference. */
export function componentsFor(kinds: readonly KindRef[], listed: readonly KindRef[]): Record<string, JsonObject> {
  const shape: Record<string, z.ZodType> = {};
  for (const k of kinds) shape[k.id] = KIND_SCHEMAS[k.kind];
  for (const k of listed) shape[`${k.id}List`] = listSchema(k);
  const generated = z.toJSONSchema(z.object(shape), { target: "openapi-3.0", io: "input", unrepresentable: "any" });
  const definitions = (generated.definitions ?? generated.$defs ?? {}) as Record<string, unknown>;
  const schemas: Record<string, JsonObject> = {};
  for (const id of Object.keys(definitions).sort()) {
    schemas[id] = FIXED_SCHEMAS[id] ?? (normalize(definitions[id]) as JsonObject);
  }
  // Operations refer to these although no kind embeds them.
  for (const id of [`${META}.Patch`, `${META}.Status`]) schemas[id] = FIXED_SCHEMAS[id];
  return schemas;
}
