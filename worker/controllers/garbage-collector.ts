// Garbage collection by ownerReferences, as kube-controller-manager's
// garbagecollector: dependents of a deleted owner are deleted (background),
// deleted first (foreground: the owner waits behind its `foregroundDeletion`
// finalizer) or released (orphan: the owner's `orphan` finalizer).
import type { KubeObject } from "../apimachinery/object.ts";
import { resourceByPlural, resourceForKind } from "../apimachinery/registry.ts";
import type { ObjectKey } from "../store/revision-log.ts";
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, deleteObject } from "../store/verbs/delete.ts";
import { commitWrite } from "../store/verbs/write.ts";
import type { ControllerContext, Reconciler } from "./reconciler.ts";
import { scheduleNow } from "./reconciler.ts";

const KIND = "garbage-collector";
/** Dependents handled per alarm run for one owner; more are left for the next run. */
const BATCH = 100;

interface OwnerKey extends ObjectKey {
  uid: string;
}

function encodeKey(key: OwnerKey): string {
  return JSON.stringify([key.uid, key.resource, key.namespace, key.name]);
}

function decodeKey(text: string): OwnerKey {
  const [uid, resource, namespace, name] = JSON.parse(text) as string[];
  return { uid, resource, namespace, name };
}

function ownerKeyOf(resource: string, object: KubeObject): OwnerKey {
  return { uid: object.metadata.uid ?? "", resource, namespace: object.metadata.namespace ?? "", name: object.metadata.name ?? "" };
}

function hasFinalizer(object: KubeObject, finalizer: string): boolean {
  return object.metadata.deletionTimestamp !== undefined && (object.metadata.finalizers ?? []).includes(finalizer);
}

export const garbageCollector: Reconciler = {
  kind: KIND,

  observe(change, ctx) {
    const { object } = change;
    const deleted = change.type === "DELETED";
    // Reads only: most deletions have no dependents and need no timer at all.
    const hasDependents = deleted && ctx.log.dependentsOf(object.metadata.uid ?? "", 1).length > 0;
    if (hasDependents || hasFinalizer(object, ORPHAN_FINALIZER) || hasFinalizer(object, FOREGROUND_FINALIZER)) {
      scheduleNow(ctx, KIND, encodeKey(ownerKeyOf(change.resource, object)));
    }
    // A dependent that went away may be the last one a foreground deletion waits for.
    if (deleted) {
      for (const ref of object.metadata.ownerReferences ?? []) {
        const r = resourceForKind(ref.apiVersion, ref.kind);
        if (!r) continue;
        const owner = { uid: ref.uid, resource: r.plural, namespace: r.namespaced ? (object.metadata.namespace ?? "") : "", name: ref.name };
        const live = ctx.log.read(owner);
        if (live && live.metadata.uid === ref.uid && hasFinalizer(live, FOREGROUND_FINALIZER)) {
          scheduleNow(ctx, KIND, encodeKey(owner));
        }
      }
    }
  },

  reconcile(text, ctx) {
    const key = decodeKey(text);
    const owner = ctx.log.read(key);
    const live = owner && owner.metadata.uid === key.uid ? owner : undefined;
    const dependents = ctx.log.dependentsOf(key.uid, BATCH);
    if (live && hasFinalizer(live, ORPHAN_FINALIZER)) {
      for (const dependent of dependents) releaseOwner(ctx, dependent, key.uid);
      if (dependents.length === BATCH) return scheduleNow(ctx, KIND, text);
      return removeFinalizer(ctx, key, live, ORPHAN_FINALIZER);
    }
    if (live && hasFinalizer(live, FOREGROUND_FINALIZER)) {
      for (const dependent of dependents) deleteDependent(ctx, dependent, "Foreground");
      if (dependents.length === 0) removeFinalizer(ctx, key, live, FOREGROUND_FINALIZER);
      else if (dependents.length === BATCH) scheduleNow(ctx, KIND, text);
      return;
    }
    if (live) return;
    for (const dependent of dependents) {
      const object = ctx.log.read(dependent);
      if (!object) continue;
      const otherOwnersAlive = (object.metadata.ownerReferences ?? []).some(
        (ref) => ref.uid !== key.uid && ownerExists(ctx, dependent.namespace, ref),
      );
      if (otherOwnersAlive) releaseOwner(ctx, dependent, key.uid);
      else deleteDependent(ctx, dependent, "Background");
    }
    if (dependents.length === BATCH) scheduleNow(ctx, KIND, text);
  },
};

function ownerExists(ctx: ControllerContext, namespace: string, ref: { apiVersion: string; kind: string; name: string; uid: string }): boolean {
  const r = resourceForKind(ref.apiVersion, ref.kind);
  if (!r) return false;
  const owner = ctx.log.read({ resource: r.plural, namespace: r.namespaced ? namespace : "", name: ref.name });
  return owner?.metadata.uid === ref.uid;
}

function deleteDependent(ctx: ControllerContext, key: ObjectKey, policy: "Foreground" | "Background"): void {
  const object = ctx.log.read(key);
  if (!object || object.metadata.deletionTimestamp) return;
  deleteObject(ctx, key.resource, key.namespace || undefined, key.name, { propagationPolicy: policy });
}

function releaseOwner(ctx: ControllerContext, key: ObjectKey, ownerUid: string): void {
  const r = resourceByPlural(key.resource);
  const old = ctx.log.read(key);
  if (!r || !old) return;
  const updated = structuredClone(old);
  const refs = (old.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== ownerUid);
  if (refs.length > 0) updated.metadata.ownerReferences = refs;
  else delete updated.metadata.ownerReferences;
  commitWrite(ctx, r, old, updated, {});
}

function removeFinalizer(ctx: ControllerContext, key: ObjectKey, owner: KubeObject, finalizer: string): void {
  const r = resourceByPlural(key.resource);
  if (!r) return;
  const updated = structuredClone(owner);
  const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (finalizers.length > 0) updated.metadata.finalizers = finalizers;
  else delete updated.metadata.finalizers;
  commitWrite(ctx, r, owner, updated, {});
}
