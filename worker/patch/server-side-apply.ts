// Server-side apply: merge an applied configuration into the live object under
// a field manager, detect conflicts with other managers, and drop the fields
// this manager applied before but no longer does.
import type { KubeObject } from "../apimachinery/object.ts";
import { StatusError, failure } from "../apimachinery/status.ts";
import type { StatusCause } from "../apimachinery/status.ts";
import { applyMerge } from "./apply-merge.ts";
import { removeAt, valueAt } from "./field-access.ts";
import { FieldSet, pathString } from "./field-set.ts";
import type { FieldPath } from "./field-set.ts";
import { deepClone, deepEqual } from "../apimachinery/json-value.ts";
import type { JsonMap } from "../apimachinery/json-value.ts";
import { isSameManager, ownableFields, readManagers, writeManagers } from "./managed-fields.ts";
import type { Manager } from "./managed-fields.ts";
import { kindMeta } from "./merge-keys.ts";
import { fieldSetOf } from "./object-fields.ts";
import { isPlainObject } from "../apimachinery/object.ts";

interface Conflict {
  manager: Manager;
  path: FieldPath;
}

export function serverSideApply(
  live: KubeObject | undefined,
  applied: KubeObject,
  options: { manager: string; force: boolean; now: string },
): KubeObject {
  const meta = kindMeta(applied.kind);
  const config = appliedConfig(applied);
  const ownable = ownableFields(config);
  // Only ownable fields are merged (no status through the main resource, no
  // server-kept metadata such as `creationTimestamp: null`), plus the identity.
  const identity = pick({ ...config.metadata }, ["name", "namespace", "generateName"]);
  const ownableMeta = isPlainObject(ownable.metadata) ? ownable.metadata : {};
  const writable: JsonMap = {
    ...ownable,
    apiVersion: config.apiVersion,
    kind: config.kind,
    metadata: { ...ownableMeta, ...identity },
  };
  const base: KubeObject = live ? deepClone(live) : { apiVersion: applied.apiVersion, kind: applied.kind, metadata: {} };
  const merged = applyMerge(base, writable, meta) as KubeObject;
  const appliedSet = fieldSetOf(ownable, meta);

  const managers = readManagers(live);
  const mine = managers.find((m) => isSameManager(m.entry, options.manager, "Apply"));
  const others = managers.filter((m) => m !== mine);

  const conflicts: Conflict[] = [];
  for (const path of appliedSet.paths()) {
    if (!changes(live, merged, path)) continue;
    for (const manager of others) if (manager.set.has(path)) conflicts.push({ manager, path });
  }
  if (conflicts.length > 0 && !options.force) throw new StatusError(conflictStatus(conflicts));
  // Forcing takes the fields over.
  for (const { manager, path } of conflicts) manager.set.delete(path);

  const dropped = (mine?.set ?? new FieldSet()).difference(appliedSet).paths().sort((a, b) => a.length - b.length);
  for (const path of dropped) {
    // Still wanted by someone else: the field stays, now theirs alone.
    if (others.some((m) => m.set.hasWithin(path))) continue;
    if (removeAt(merged, path)) removeEmptyParents(merged, path, managers);
  }

  const entry = {
    manager: options.manager,
    operation: "Apply" as const,
    apiVersion: applied.apiVersion,
    time: options.now,
    fieldsType: "FieldsV1" as const,
    fieldsV1: {},
  };
  if (!mine) managers.push({ entry, set: appliedSet });
  else if (!mine.set.equals(appliedSet) || mine.entry.apiVersion !== applied.apiVersion) {
    mine.entry = { ...mine.entry, apiVersion: applied.apiVersion, time: options.now };
    mine.set = appliedSet;
  }
  return writeManagers(merged, managers);
}

function pick(source: Record<string, unknown>, keys: string[]): JsonMap {
  const out: JsonMap = {};
  for (const k of keys) if (source[k] !== undefined && source[k] !== null) out[k] = source[k];
  return out;
}

/** The applied object without what an applier cannot send. */
function appliedConfig(applied: KubeObject): KubeObject {
  const metadata = { ...applied.metadata };
  delete metadata.managedFields;
  return { ...applied, metadata };
}

/** Whether applying changes what `path` names: a new list item or set member,
 * or a different value. */
function changes(live: KubeObject | undefined, merged: KubeObject, path: FieldPath): boolean {
  const before = valueAt(live, path);
  if (before === undefined) return true;
  const last = path[path.length - 1] ?? "";
  if (last.startsWith("k:") || last.startsWith("v:")) return false;
  return !deepEqual(before, valueAt(merged, path));
}

/** A map emptied by pruning goes too, unless someone owns it as such. */
function removeEmptyParents(obj: KubeObject, path: FieldPath, managers: Manager[]): void {
  for (let end = path.length - 1; end >= 2; end--) {
    const parentPath = path.slice(0, end);
    if (!parentPath[parentPath.length - 1]?.startsWith("f:")) return;
    const parent = valueAt(obj, parentPath);
    if (!isPlainObject(parent) || Object.keys(parent).length > 0) return;
    if (managers.some((m) => m.set.has(parentPath))) return;
    removeAt(obj, parentPath);
  }
}

function describeManager(manager: Manager): string {
  const { entry } = manager;
  let text = JSON.stringify(entry.manager);
  if (entry.subresource) text += ` with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === "Update") text += ` using ${entry.apiVersion}`;
  return text;
}

/** Worded as Kubernetes' fieldmanager NewConflictError. */
function conflictStatus(conflicts: Conflict[]) {
  const causes: StatusCause[] = conflicts.map(({ manager, path }) => ({
    reason: "FieldManagerConflict",
    message: `conflict with ${describeManager(manager)}`,
    field: pathString(path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: ${causes[0].message}: ${causes[0].field}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const { manager, path } of conflicts) {
      const name = describeManager(manager);
      byManager.set(name, [...(byManager.get(name) ?? []), pathString(path)]);
    }
    const lines = [...byManager.keys()].sort().flatMap((name) => [
      `conflicts with ${name}:`,
      ...(byManager.get(name) ?? []).map((p) => `- ${p}`),
    ]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
  }
  return failure(409, "Conflict", message, { causes });
}
