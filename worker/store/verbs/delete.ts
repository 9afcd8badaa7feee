// delete and deletecollection, with Kubernetes' two-phase deletion: an object
// with finalizers (or a pod still running on a node) first gets a
// deletionTimestamp, and is removed only once nothing holds it any more.
import { deepEqual } from "../../apimachinery/json-value.ts";
import type { KubeObject } from "../../apimachinery/object.ts";
import type { ResourceType } from "../../apimachinery/registry.ts";
import { StatusError, errors, failure } from "../../apimachinery/status.ts";
import { timestamp } from "../object-metadata.ts";
import type { DeleteOptions, ListOptions, ObjectList } from "../options.ts";
import type { StoreContext } from "./context.ts";
import { readExisting, resourceOf } from "./context.ts";
import { listObjects } from "./read.ts";

export const FOREGROUND_FINALIZER = "foregroundDeletion";
export const ORPHAN_FINALIZER = "orphan";
/** The namespace finalizer that the namespace controller clears once the namespace is empty. */
export const NAMESPACE_FINALIZER = "kubernetes";
const UNDELETABLE_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);

export interface DeleteResult {
  object: KubeObject;
  /** False when the object only got a deletionTimestamp and still exists. */
  removed: boolean;
}

export function deleteObject(
  ctx: StoreContext,
  plural: string,
  namespace: string | undefined,
  name: string,
  options: DeleteOptions,
): DeleteResult {
  const r = resourceOf(plural);
  const old = readExisting(ctx, r, namespace, name);
  const { uid, resourceVersion } = options.preconditions ?? {};
  if (uid && uid !== old.metadata.uid) {
    throw new StatusError(
      errors.conflictWithReason(r, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid}`),
    );
  }
  if (resourceVersion && resourceVersion !== old.metadata.resourceVersion) {
    throw new StatusError(
      errors.conflictWithReason(
        r,
        name,
        `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      ),
    );
  }
  if (r.plural === "namespaces" && UNDELETABLE_NAMESPACES.has(name)) {
    throw new StatusError(failure(403, "Forbidden", `namespaces "${name}" is forbidden: this namespace may not be deleted`));
  }
  const updated = markDeleting(ctx, r, old, options);
  if (!updated) {
    if (!options.dryRun) ctx.writes.commit([{ type: "DELETED", resource: r.plural, object: old, previous: old }]);
    return { object: old, removed: true };
  }
  if (!options.dryRun && !deepEqual(updated, old)) {
    ctx.writes.commit([{ type: "MODIFIED", resource: r.plural, object: updated, previous: old }]);
  }
  return { object: updated, removed: false };
}

/**
 * The object as it should look while its deletion is pending, or undefined
 * when it can be removed right away.
 */
function markDeleting(ctx: StoreContext, r: ResourceType, old: KubeObject, options: DeleteOptions): KubeObject | undefined {
  const object = structuredClone(old);
  const meta = object.metadata;
  const finalizers = new Set(meta.finalizers ?? []);
  const alreadyDeleting = meta.deletionTimestamp !== undefined;
  const policy = options.propagationPolicy;
  if (!alreadyDeleting) {
    if (policy === "Foreground") finalizers.add(FOREGROUND_FINALIZER);
    if (policy === "Orphan") finalizers.add(ORPHAN_FINALIZER);
  }
  const now = ctx.now();
  if (r.plural === "namespaces") {
    meta.deletionTimestamp ??= timestamp(now);
    meta.deletionGracePeriodSeconds ??= 0;
    object.status = { ...(object.status as object | undefined), phase: "Terminating" };
    if (finalizers.size > 0) meta.finalizers = [...finalizers];
    return object;
  }
  const grace = r.plural === "pods" ? podGracePeriod(old, options) : 0;
  if (finalizers.size === 0 && grace === 0) return undefined;
  if (finalizers.size > 0) meta.finalizers = [...finalizers];
  // A pod's grace period may only shorten once deletion has begun.
  const currentGrace = meta.deletionGracePeriodSeconds;
  if (!alreadyDeleting || (currentGrace !== undefined && grace < currentGrace)) {
    meta.deletionTimestamp = timestamp(new Date(now.getTime() + grace * 1000));
    meta.deletionGracePeriodSeconds = grace;
  }
  return object;
}

/** Pods on a node are stopped by their agent first; unbound or finished pods go at once. */
function podGracePeriod(pod: KubeObject, options: DeleteOptions): number {
  const spec = pod.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (!spec?.nodeName || phase === "Succeeded" || phase === "Failed") return 0;
  const grace = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, grace);
}

/**
 * Called by updates: an object being deleted whose last finalizer was just
 * removed is deleted now. Returns true if it did so.
 */
export function finalizeIfReleased(ctx: StoreContext, r: ResourceType, old: KubeObject, updated: KubeObject): boolean {
  const meta = updated.metadata;
  if (!meta.deletionTimestamp || (meta.finalizers?.length ?? 0) > 0) return false;
  if (r.plural === "namespaces") {
    const specFinalizers = (updated.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (specFinalizers.length > 0) return false;
  }
  if (r.plural === "pods" && (meta.deletionGracePeriodSeconds ?? 0) > 0) return false;
  ctx.writes.commit([{ type: "DELETED", resource: r.plural, object: updated, previous: old }]);
  return true;
}

export function deleteCollection(
  ctx: StoreContext,
  plural: string,
  namespace: string | undefined,
  listOptions: ListOptions,
  options: DeleteOptions,
): ObjectList {
  const list = listObjects(ctx, plural, namespace, { ...listOptions, limit: undefined, continue: undefined });
  const items = list.items.map(
    (item) => deleteObject(ctx, plural, item.metadata.namespace, item.metadata.name ?? "", options).object,
  );
  return { items, resourceVersion: String(ctx.log.revision) };
}
