// Reading an object as a set of field paths, guided by the patch metadata:
// keyed lists yield one `k:` element per item, sets one `v:` per member,
// atomic lists and scalars are single leaves.
import { isPlainObject } from "../apimachinery/object.ts";
import type { FieldMeta, StructMeta } from "./merge-keys.ts";
import { isMapField, listKind, structMeta } from "./merge-keys.ts";
import { FieldSet, fieldElement, keyElement, valueElement } from "./field-set.ts";
import type { FieldPath } from "./field-set.ts";
import { deepEqual } from "../apimachinery/json-value.ts";

export interface WalkOptions {
  /** Also list each newly seen map (labels, annotations...) itself, as an
   * Update's managed fields do. */
  mapsAsMembers?: boolean;
}

/** The element naming `item` in a keyed list; index when the key is missing. */
export function itemElement(item: unknown, index: number, field: FieldMeta | undefined): string {
  const key = field?.mergeKey;
  if (key && isPlainObject(item) && item[key] !== undefined && item[key] !== null) {
    return keyElement({ [key]: item[key] });
  }
  return `i:${index}`;
}

export function fieldSetOf(value: Record<string, unknown>, meta: StructMeta, options: WalkOptions = {}): FieldSet {
  const set = new FieldSet();
  collectMap(value, meta, [], set, options);
  return set;
}

function collectMap(map: Record<string, unknown>, meta: StructMeta, path: FieldPath, out: FieldSet, options: WalkOptions): void {
  for (const [k, v] of Object.entries(map)) {
    if (v === null || v === undefined) continue;
    collectValue(v, meta[k], [...path, fieldElement(k)], out, options, k);
  }
}

function collectValue(value: unknown, field: FieldMeta | undefined, path: FieldPath, out: FieldSet, options: WalkOptions, name: string): void {
  if (isPlainObject(value)) {
    if (Object.keys(value).length === 0 || (options.mapsAsMembers && isMapField(name))) out.add(path);
    collectMap(value, structMeta(field?.type), path, out, options);
    return;
  }
  if (!Array.isArray(value)) {
    out.add(path);
    return;
  }
  switch (listKind(field)) {
    case "atomic":
      out.add(path);
      return;
    case "set":
      for (const item of value) out.add([...path, valueElement(item)]);
      return;
    case "map":
      value.forEach((item, i) => {
        const itemPath = [...path, itemElement(item, i, field)];
        out.add(itemPath);
        if (isPlainObject(item)) collectMap(item, structMeta(field?.type), itemPath, out, options);
      });
  }
}

/** Paths `after` sets differently from `before`: added or changed leaves, new
 * keyed items and set members (each new item's fields too). One walk. */
export function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>, meta: StructMeta, options: WalkOptions = {}): FieldSet {
  const out = new FieldSet();
  diffMap(before ?? {}, after, meta, [], out, options);
  return out;
}

function diffMap(before: Record<string, unknown>, after: Record<string, unknown>, meta: StructMeta, path: FieldPath, out: FieldSet, options: WalkOptions): void {
  for (const [k, v] of Object.entries(after)) {
    if (v === null || v === undefined) continue;
    diffValue(before[k], v, meta[k], [...path, fieldElement(k)], out, options, k);
  }
}

function diffValue(before: unknown, after: unknown, field: FieldMeta | undefined, path: FieldPath, out: FieldSet, options: WalkOptions, name: string): void {
  if (before === undefined || before === null) {
    collectValue(after, field, path, out, options, name);
    return;
  }
  if (isPlainObject(after) && isPlainObject(before) && Object.keys(after).length > 0) {
    diffMap(before, after, structMeta(field?.type), path, out, options);
    return;
  }
  const kind = listKind(field);
  if (Array.isArray(after) && Array.isArray(before) && kind !== "atomic") {
    if (kind === "set") {
      for (const item of after) if (!before.some((b) => deepEqual(b, item))) out.add([...path, valueElement(item)]);
      return;
    }
    const beforeItems = new Map(before.map((item, i) => [itemElement(item, i, field), item]));
    after.forEach((item, i) => {
      const element = itemElement(item, i, field);
      const itemPath = [...path, element];
      const old = beforeItems.get(element);
      if (old === undefined) {
        out.add(itemPath);
        if (isPlainObject(item)) collectMap(item, structMeta(field?.type), itemPath, out, options);
      } else if (isPlainObject(item) && isPlainObject(old)) {
        diffMap(old, item, structMeta(field?.type), itemPath, out, options);
      }
    });
    return;
  }
  if (!deepEqual(before, after)) collectValue(after, field, path, out, options, name);
}
