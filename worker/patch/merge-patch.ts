// JSON merge patch (RFC 7386): maps merge recursively, `null` deletes a key,
// and every other value — lists included — replaces what was there.
import { isPlainObject } from "../apimachinery/object.ts";
import { deepClone } from "../apimachinery/json-value.ts";

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return deepClone(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}
