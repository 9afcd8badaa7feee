// Server-owned metadata: what the API server sets on create and carries over
// on update, whatever the client sent.
import { deepEqual } from "../apimachinery/json-value.ts";
import type { KubeObject, ObjectMeta } from "../apimachinery/object.ts";

/** Kubernetes' alphabet for generateName suffixes: no vowels, no look-alikes. */
const NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export function randomNameSuffix(length = 5): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => NAME_SUFFIX_ALPHABET[b % NAME_SUFFIX_ALPHABET.length]).join("");
}

/** RFC 3339 with second precision, as Kubernetes' metav1.Time serializes. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function hasSpec(object: KubeObject): boolean {
  return object.spec !== undefined;
}

export function initializeMetadata(object: KubeObject, now: Date): void {
  const meta = object.metadata;
  meta.uid = crypto.randomUUID();
  meta.creationTimestamp = timestamp(now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (hasSpec(object)) meta.generation = 1;
  else delete meta.generation;
}

/** Fields a client may not change once the object exists. */
export function carryOverMetadata(updated: KubeObject, old: KubeObject): void {
  const meta: ObjectMeta = updated.metadata;
  meta.uid = old.metadata.uid;
  meta.creationTimestamp = old.metadata.creationTimestamp;
  meta.resourceVersion = old.metadata.resourceVersion;
  setOrDelete(meta, "deletionTimestamp", old.metadata.deletionTimestamp);
  setOrDelete(meta, "deletionGracePeriodSeconds", old.metadata.deletionGracePeriodSeconds);
  setOrDelete(meta, "generateName", old.metadata.generateName);
  const generation = old.metadata.generation;
  if (generation !== undefined) {
    meta.generation = deepEqual(updated.spec, old.spec) ? generation : generation + 1;
  }
}

function setOrDelete<K extends keyof ObjectMeta>(meta: ObjectMeta, key: K, value: ObjectMeta[K]): void {
  if (value === undefined) delete meta[key];
  else meta[key] = value;
}

/** Equal apart from resourceVersion and managedFields timestamps: such a write changes nothing. */
export function unchanged(a: KubeObject, b: KubeObject): boolean {
  return deepEqual(stripVolatile(a), stripVolatile(b));
}

function stripVolatile(object: KubeObject): KubeObject {
  const { resourceVersion: _rv, managedFields, ...meta } = object.metadata;
  const managers = managedFields?.map(({ time: _time, ...rest }) => rest);
  return { ...object, metadata: { ...meta, ...(managers ? { managedFields: managers } : {}) } } as KubeObject;
}
