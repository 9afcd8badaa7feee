// Strategic merge patch, following Kubernetes' apimachinery strategicpatch
// as the API server runs it (MergeParallelList and IgnoreUnmatchedNulls on):
// maps merge, `null` deletes, lists merge or replace by their struct tags, and
// the `$patch`, `$retainKeys`, `$setElementOrder/` and
// `$deleteFromPrimitiveList/` directives apply at every depth.
import { isPlainObject } from "../apimachinery/object.ts";
import type { FieldMeta, StructMeta } from "./merge-keys.ts";
import { listKind, structMeta } from "./merge-keys.ts";
import { deepClone, deepEqual } from "../apimachinery/json-value.ts";
import type { JsonMap } from "../apimachinery/json-value.ts";
import { badPatch } from "./patch-errors.ts";

const PATCH = "$patch";
const RETAIN_KEYS = "$retainKeys";
const SET_ORDER = "$setElementOrder/";
const DELETE_PRIMITIVES = "$deleteFromPrimitiveList/";

/** Merges `patch` into a copy of `original`; neither input is mutated. */
export function strategicMerge(original: JsonMap, patch: JsonMap, meta: StructMeta): JsonMap {
  return mergeMap(deepClone(original), deepClone(patch), meta);
}

/** Both arguments are owned (already copied) and may be changed in place. */
function mergeMap(original: JsonMap, patch: JsonMap, meta: StructMeta): JsonMap {
  if (Object.hasOwn(patch, PATCH)) return mapDirective(patch);
  applyRetainKeys(original, patch);
  applyElementOrders(original, patch, meta);

  for (const [rawKey, patchValue] of Object.entries(patch)) {
    let key = rawKey;
    const isDeleteList = rawKey.startsWith(DELETE_PRIMITIVES);
    if (isDeleteList) {
      key = rawKey.slice(DELETE_PRIMITIVES.length);
      // Nothing to delete from.
      if (!Object.hasOwn(original, key)) continue;
    } else if (rawKey.startsWith("$")) {
      throw badPatch(`unknown strategic merge patch directive ${JSON.stringify(rawKey)}`);
    }

    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const field = meta[key];
    const current = original[key];
    if (current === undefined || current === null) {
      if (!isDeleteList) original[key] = fresh(patchValue, field);
      continue;
    }
    if (isPlainObject(current) && isPlainObject(patchValue)) {
      original[key] = mergeMap(current, patchValue, structMeta(field?.type));
    } else if (Array.isArray(current) && Array.isArray(patchValue)) {
      original[key] = mergeList(current, patchValue, field, isDeleteList, key);
    } else if (!isDeleteList) {
      // Differing kinds of value (or scalars): the patch wins.
      original[key] = fresh(patchValue, field);
    }
  }
  return original;
}

/** A value with nothing to merge into: directives and nulls still have to go. */
function fresh(value: unknown, field: FieldMeta | undefined): unknown {
  if (isPlainObject(value)) return mergeMap({}, value, structMeta(field?.type));
  if (Array.isArray(value)) return mergeList([], value, field, false, "");
  return value;
}

/** `$patch` inside a map: `replace` takes the patch as it is, `delete` empties it. */
function mapDirective(patch: JsonMap): JsonMap {
  const directive = patch[PATCH];
  if (directive === "replace") {
    delete patch[PATCH];
    return stripNulls(patch);
  }
  if (directive === "delete") return {};
  throw badPatch(`unknown $patch directive ${JSON.stringify(directive)} in a map; expected "replace" or "delete"`);
}

function stripNulls(map: JsonMap): JsonMap {
  for (const [k, v] of Object.entries(map)) {
    if (v === null) delete map[k];
    else if (isPlainObject(v)) stripNulls(v);
  }
  return map;
}

/** `$retainKeys`: keys of the original not listed are dropped before merging;
 * the patch may only set listed keys. */
function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain) || !retain.every((k) => typeof k === "string")) {
    throw badPatch(`$retainKeys must be a list of field names`);
  }
  const keep = new Set<string>(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(SET_ORDER) || k.startsWith(DELETE_PRIMITIVES)) continue;
    if (!keep.has(k)) throw badPatch(`$retainKeys does not list ${JSON.stringify(k)}, which the patch sets`);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** Handles every `$setElementOrder/<list>` of this map: merges that list (and
 * its `$deleteFromPrimitiveList/`) now, orders the result, and removes them
 * from the patch so the main loop leaves them alone. */
function applyElementOrders(original: JsonMap, patch: JsonMap, meta: StructMeta): void {
  for (const orderKey of Object.keys(patch)) {
    if (!orderKey.startsWith(SET_ORDER)) continue;
    const key = orderKey.slice(SET_ORDER.length);
    const order = patch[orderKey];
    if (!Array.isArray(order)) throw badPatch(`${orderKey} must be a list`);
    const field = meta[key];
    const mergeKey = field?.mergeKey;

    let base = Array.isArray(original[key]) ? (original[key] as unknown[]) : [];
    const deleteKey = DELETE_PRIMITIVES + key;
    if (Array.isArray(patch[deleteKey])) {
      base = deleteFromList(base, patch[deleteKey] as unknown[]);
      delete patch[deleteKey];
    }
    const patchValue = patch[key];
    delete patch[key];
    delete patch[orderKey];
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    let merged: unknown[];
    if (!Array.isArray(patchValue)) merged = base; // only a reorder
    else if (base.length === 0) merged = fresh(patchValue, field) as unknown[];
    else merged = mergeList(base, patchValue, field, false, key);

    const identity = (item: unknown): unknown =>
      mergeKey && isPlainObject(item) ? item[mergeKey] : item;
    const ordered = order.map(identity);
    const inOrder = (item: unknown) => ordered.some((o) => deepEqual(o, identity(item)));
    const fromPatch = merged.filter(inOrder);
    const serverOnly = merged.filter((item) => !inOrder(item));
    const serverOrder = base.map(identity);
    original[key] = interleave(
      sortBy(serverOnly, serverOrder, identity),
      sortBy(fromPatch, ordered, identity),
      serverOrder,
      identity,
    );
  }
}

function indexIn(order: unknown[], id: unknown): number {
  return order.findIndex((o) => deepEqual(o, id));
}

function sortBy(items: unknown[], order: unknown[], identity: (item: unknown) => unknown): unknown[] {
  const rank = (item: unknown) => {
    const i = indexIn(order, identity(item));
    return i < 0 ? order.length : i;
  };
  return items.map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((e) => e.item);
}

/** Kubernetes' mergeSortedSlice: keeps both lists' relative order and puts a
 * server-only item before a patch item only when it came first in the live list. */
function interleave(
  left: unknown[],
  right: unknown[],
  serverOrder: unknown[],
  identity: (item: unknown) => unknown,
): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, identity(left[i]));
      const ri = indexIn(serverOrder, identity(right[j]));
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function deleteFromList(list: unknown[], toDelete: unknown[]): unknown[] {
  return list.filter((item) => !toDelete.some((d) => deepEqual(d, item)));
}

function mergeList(original: unknown[], patch: unknown[], field: FieldMeta | undefined, isDeleteList: boolean, key: string): unknown[] {
  const kind = listKind(field);
  if (isDeleteList) {
    if (kind === "map") throw badPatch(`${DELETE_PRIMITIVES}${key} applies only to lists of primitives`);
    return deleteFromList(original, patch);
  }
  if (kind === "atomic") return patch.map((item) => fresh(item, field));
  if (original.length === 0 && patch.length === 0) return original;

  const maps = patch.some(isPlainObject) || original.some(isPlainObject);
  if (!maps) return dedupe([...original, ...patch]);
  if (kind === "set") {
    // A set of maps has no key to merge on; Kubernetes refuses it too.
    throw badPatch(`cannot merge lists without merge key for ${key}`);
  }
  const mergeKey = field?.mergeKey ?? "";
  return mergeKeyedList(original, patch, mergeKey, structMeta(field?.type), key);
}

function dedupe(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) if (!out.some((o) => deepEqual(o, item))) out.push(item);
  return out;
}

function mergeKeyedList(original: unknown[], patch: unknown[], mergeKey: string, meta: StructMeta, key: string): unknown[] {
  let result = original;
  const elements: JsonMap[] = [];
  let replace = false;
  for (const item of patch) {
    if (!isPlainObject(item)) throw badPatch(`${key}: every element must be an object with "${mergeKey}"`);
    if (!Object.hasOwn(item, PATCH)) {
      elements.push(item);
      continue;
    }
    const directive = item[PATCH];
    if (directive === "delete") {
      if (!Object.hasOwn(item, mergeKey)) throw badPatch(`${key}: $patch delete needs the merge key "${mergeKey}"`);
      result = result.filter((o) => !(isPlainObject(o) && deepEqual(o[mergeKey], item[mergeKey])));
    } else if (directive === "replace") {
      replace = true;
    } else if (directive === "merge") {
      throw badPatch(`${key}: merging lists cannot yet be specified in the patch`);
    } else {
      throw badPatch(`${key}: unknown $patch directive ${JSON.stringify(directive)}`);
    }
  }
  if (replace) return elements.map((e) => mergeMap({}, e, meta));

  for (const item of elements) {
    if (!Object.hasOwn(item, mergeKey)) throw badPatch(`${key}: element ${JSON.stringify(item)} does not contain the merge key "${mergeKey}"`);
    const at = result.findIndex((o) => isPlainObject(o) && deepEqual(o[mergeKey], item[mergeKey]));
    if (at >= 0) result[at] = mergeMap(result[at] as JsonMap, item, meta);
    else result.push(mergeMap({}, item, meta));
  }
  return result;
}
