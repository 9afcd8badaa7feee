// A strategic merge patch from the status the server holds to the one the
// agent wants, like apimachinery's CreateTwoWayMergePatch: changed fields,
// `null` for removed ones, keyed lists patched item by item (with
// `$patch: delete`), other lists replaced whole. Item order within keyed
// lists is left to the server: it is cosmetic, and `$setElementOrder` with a
// partial list (the agent owns only some conditions) would reorder others'.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

/** Field name -> merge key, for the lists the schema merges by key. */
export type MergeKeys = Readonly<Record<string, string>>;

function isMap(value: unknown): value is JsonMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false;
    return keys.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** A copy without `null`s or `undefined`s, which the server does not store. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (!isMap(value)) return value;
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
  return out as T;
}

function diffList(field: string, oldList: Json[], newList: Json[], mergeKey: string, keys: MergeKeys): JsonMap {
  const out: JsonMap = {};
  const keyOf = (item: Json) => (isMap(item) ? item[mergeKey] : undefined);
  const items: Json[] = [];
  for (const item of newList) {
    const previous = oldList.find((o) => jsonEqual(keyOf(o), keyOf(item)));
    if (previous === undefined || !isMap(item) || !isMap(previous)) {
      items.push(item);
      continue;
    }
    const change = diffMap(previous, item, keys);
    if (change) items.push({ [mergeKey]: keyOf(item) ?? null, ...change });
  }
  for (const item of oldList) {
    if (!newList.some((n) => jsonEqual(keyOf(n), keyOf(item)))) items.push({ [mergeKey]: keyOf(item) ?? null, $patch: "delete" });
  }
  if (items.length > 0) out[field] = items;
  return out;
}

/** The patch turning `oldMap` into `newMap`, or undefined when they are equal. */
export function diffMap(oldMap: JsonMap, newMap: JsonMap, keys: MergeKeys): JsonMap | undefined {
  const patch: JsonMap = {};
  for (const [k, next] of Object.entries(newMap)) {
    if (next === undefined) continue;
    const prev = oldMap[k];
    if (prev === undefined || prev === null) {
      // An empty object and an absent one mean the same to the server (`lastState: {}`).
      if (next !== null && !(isMap(next) && Object.keys(next).length === 0)) patch[k] = next;
      continue;
    }
    if (isMap(prev) && isMap(next)) {
      const change = diffMap(prev, next, keys);
      if (change) patch[k] = change;
    } else if (Array.isArray(prev) && Array.isArray(next) && keys[k]) {
      Object.assign(patch, diffList(k, prev, next, keys[k], keys));
    } else if (!jsonEqual(prev, next)) {
      patch[k] = next;
    }
  }
  for (const k of Object.keys(oldMap)) {
    const prev = oldMap[k];
    if (prev === undefined || prev === null || (newMap[k] !== undefined && newMap[k] !== null)) continue;
    if (isMap(prev) && Object.keys(prev).length === 0) continue;
    patch[k] = null;
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}
