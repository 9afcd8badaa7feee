// metadata.managedFields: reading and writing the per-manager field sets, and
// recording which manager last changed which fields on ordinary writes.
import type { KubeObject, ManagedFieldsEntry } from "../apimachinery/object.ts";
import { isPlainObject } from "../apimachinery/object.ts";
import { resourceForKind } from "../apimachinery/registry.ts";
import { FieldSet } from "./field-set.ts";
import { kindMeta } from "./merge-keys.ts";
import { changedFields, fieldSetOf } from "./object-fields.ts";

export interface Manager {
  entry: ManagedFieldsEntry;
  set: FieldSet;
}

/** Server-maintained metadata nobody owns (Kubernetes' stripMetaManager). */
const UNOWNED_METADATA = [
  "name",
  "namespace",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "selfLink",
  "managedFields",
];

function hasStatusSubresource(obj: KubeObject): boolean {
  return resourceForKind(obj.apiVersion, obj.kind)?.subresources.includes("status") ?? false;
}

/** The part of `obj` whose fields a write through `subresource` can own. */
export function ownableFields(obj: KubeObject, subresource?: string): Record<string, unknown> {
  if (subresource === "status") return isPlainObject(obj.status) ? { status: obj.status } : {};
  const { apiVersion: _v, kind: _k, metadata, ...rest } = obj;
  const meta: Record<string, unknown> = { ...metadata };
  for (const k of UNOWNED_METADATA) delete meta[k];
  // The main resource cannot write status where a status subresource exists.
  if (subresource === undefined && hasStatusSubresource(obj)) delete rest.status;
  return Object.keys(meta).length > 0 ? { metadata: meta, ...rest } : rest;
}

export function readManagers(obj: KubeObject | undefined): Manager[] {
  return (obj?.metadata.managedFields ?? []).map((entry) => ({
    entry,
    set: FieldSet.fromFieldsV1(entry.fieldsV1),
  }));
}

/** Entries owning nothing are dropped, as Kubernetes does. */
export function writeManagers(obj: KubeObject, managers: Manager[]): KubeObject {
  const entries = managers
    .filter((m) => m.set.size > 0)
    .map((m) => ({ ...m.entry, fieldsV1: m.set.toFieldsV1() }));
  const metadata = { ...obj.metadata };
  if (entries.length > 0) metadata.managedFields = entries;
  else delete metadata.managedFields;
  return { ...obj, metadata };
}

export function isSameManager(entry: ManagedFieldsEntry, manager: string, operation: "Apply" | "Update", subresource?: string): boolean {
  return entry.manager === manager && entry.operation === operation && (entry.subresource ?? "") === (subresource ?? "");
}

/** Gives `manager` the fields this write changed; they leave every other
 * manager (an update always wins), and removed fields leave everyone. */
export function recordUpdateManager(
  old: KubeObject | undefined,
  updated: KubeObject,
  options: { manager: string; now: string; subresource?: string },
): KubeObject {
  const meta = kindMeta(updated.kind);
  const before = old ? ownableFields(old, options.subresource) : undefined;
  const after = ownableFields(updated, options.subresource);
  const walk = { mapsAsMembers: true };
  const changed = changedFields(before, after, meta, walk);
  const removed = before ? fieldSetOf(before, meta, walk).difference(fieldSetOf(after, meta, walk)) : new FieldSet();

  // As in Kubernetes: managedFields sent with the write win, but a client that
  // dropped them (not knowing the field) must not wipe the stored ownership.
  const managers = readManagers(updated.metadata.managedFields?.length ? updated : old);
  if (changed.size === 0 && removed.size === 0) return writeManagers(updated, managers);

  let mine = managers.find((m) => isSameManager(m.entry, options.manager, "Update", options.subresource));
  for (const m of managers) if (m !== mine) m.set = m.set.difference(changed).difference(removed);
  if (!mine) {
    mine = {
      entry: {
        manager: options.manager,
        operation: "Update",
        apiVersion: updated.apiVersion,
        time: options.now,
        fieldsType: "FieldsV1",
        fieldsV1: {},
        ...(options.subresource ? { subresource: options.subresource } : {}),
      },
      set: new FieldSet(),
    };
    managers.push(mine);
  }
  const next = mine.set.union(changed).difference(removed);
  if (!next.equals(mine.set)) {
    mine.set = next;
    mine.entry = { ...mine.entry, apiVersion: updated.apiVersion, time: options.now };
  }
  return writeManagers(updated, managers);
}
