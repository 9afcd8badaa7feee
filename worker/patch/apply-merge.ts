// Merging an applied configuration into the live object, the way server-side
// apply does: maps merge, keyed lists merge item by item, sets union, atomic
// lists and scalars take the applied value. Removal of fields the applier no
// longer sets is decided separately, from managed fields.
import { isPlainObject } from "../apimachinery/object.ts";
import type { FieldMeta, StructMeta } from "./merge-keys.ts";
import { listKind, structMeta } from "./merge-keys.ts";
import { deepClone, deepEqual } from "../apimachinery/json-value.ts";
import type { JsonMap } from "../apimachinery/json-value.ts";

export function applyMerge(live: JsonMap, applied: JsonMap, meta: StructMeta): JsonMap {
  const result: JsonMap = { ...live };
  for (const [k, v] of Object.entries(applied)) {
    // An explicit null in an applied configuration clears the field.
    if (v === null) delete result[k];
    else if (v !== undefined) result[k] = mergeValue(result[k], v, meta[k]);
  }
  return result;
}

function mergeValue(live: unknown, applied: unknown, field: FieldMeta | undefined): unknown {
  if (isPlainObject(applied)) {
    return applyMerge(isPlainObject(live) ? live : {}, applied, structMeta(field?.type));
  }
  if (!Array.isArray(applied) || !Array.isArray(live)) return deepClone(applied);
  switch (listKind(field)) {
    case "atomic":
      return deepClone(applied);
    case "set": {
      const out = [...live];
      for (const item of applied) if (!out.some((o) => deepEqual(o, item))) out.push(deepClone(item));
      return out;
    }
    case "map": {
      const key = field?.mergeKey ?? "";
      const out = [...live];
      for (const item of applied) {
        const at = isPlainObject(item)
          ? out.findIndex((o) => isPlainObject(o) && o[key] !== undefined && deepEqual(o[key], item[key]))
          : -1;
        if (at >= 0) out[at] = mergeValue(out[at], item, { type: field?.type });
        else out.push(deepClone(item));
      }
      return out;
    }
  }
}
