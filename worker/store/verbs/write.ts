// create, update (PUT), patch and server-side apply. All of them end in
// `commitWrite`: admission, server-owned metadata, then the one write path.
import type { KubeObject } from "../../apimachinery/object.ts";
import { isPlainObject } from "../../apimachinery/object.ts";
import type { ResourceType } from "../../apimachinery/registry.ts";
import { StatusError, errors } from "../../apimachinery/status.ts";
import { applyPatch, recordUpdateManager, serverSideApply } from "../../patch/index.ts";
import type { PatchType } from "../../patch/index.ts";
import { admit } from "../../schema/admission.ts";
import { carryOverMetadata, initializeMetadata, randomNameSuffix, timestamp, unchanged } from "../object-metadata.ts";
import type { WriteOptions } from "../options.ts";
import type { StoreContext } from "./context.ts";
import { assertNamespaceAcceptsNew, keyOfObject, readExisting, resourceOf } from "./context.ts";
import { finalizeIfReleased } from "./delete.ts";

export interface WriteResult {
  object: KubeObject;
  created: boolean;
  warnings: string[];
}

/** Kinds whose status the API server resets on create (their controllers or agents own it). */
const STATUS_RESET_ON_CREATE = new Set(["pods", "services", "deployments", "replicasets", "namespaces"]);
/** Kinds that PUT may create, as in Kubernetes (AllowCreateOnUpdate). */
const CREATE_ON_UPDATE = new Set(["endpoints", "leases", "events"]);

/** A request body as an object bound to the URL's namespace (and name, for updates). */
function bodyObject(r: ResourceType, namespace: string | undefined, body: unknown, urlName?: string): KubeObject {
  if (!isPlainObject(body)) throw new StatusError(errors.badRequest(`the body of the request must be a ${r.kind} object`));
  const object = structuredClone(body) as KubeObject;
  if (!isPlainObject(object.metadata)) object.metadata = {};
  const meta = object.metadata;
  if (r.namespaced) {
    if (meta.namespace && meta.namespace !== namespace) {
      throw new StatusError(
        errors.badRequest("the namespace of the provided object does not match the namespace sent on the request"),
      );
    }
    meta.namespace = namespace;
  } else {
    delete meta.namespace;
  }
  if (urlName !== undefined) {
    if (meta.name && meta.name !== urlName) {
      throw new StatusError(
        errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${urlName})`),
      );
    }
    meta.name = urlName;
  }
  return object;
}

function strict(options: WriteOptions): boolean {
  return options.fieldValidation === "Strict";
}

export function createObject(
  ctx: StoreContext,
  plural: string,
  namespace: string | undefined,
  body: unknown,
  options: WriteOptions,
): WriteResult {
  const r = resourceOf(plural);
  const object = bodyObject(r, namespace, body);
  return createFromObject(ctx, r, object, options);
}

function createFromObject(ctx: StoreContext, r: ResourceType, object: KubeObject, options: WriteOptions): WriteResult {
  const meta = object.metadata;
  if (!meta.name && meta.generateName) meta.name = meta.generateName + randomNameSuffix();
  if (STATUS_RESET_ON_CREATE.has(r.plural)) delete object.status;
  const admitted = admit(r, object, { strict: strict(options) });
  if (!admitted.ok) throw new StatusError(admitted.status);
  const created = admitted.object;
  const name = created.metadata.name ?? "";
  assertNamespaceAcceptsNew(ctx, r, created.metadata.namespace ?? "", name);
  if (ctx.log.read(keyOfObject(r, created))) throw new StatusError(errors.alreadyExists(r, name));
  const now = ctx.now();
  initializeMetadata(created, now);
  const managed = options.fieldManager
    ? recordUpdateManager(undefined, created, { manager: options.fieldManager, now: timestamp(now) })
    : created;
  if (!options.dryRun) ctx.writes.commit([{ type: "ADDED", resource: r.plural, object: managed }]);
  return { object: managed, created: true, warnings: admitted.warnings };
}

export function updateObject(
  ctx: StoreContext,
  plural: string,
  namespace: string | undefined,
  name: string,
  body: unknown,
  options: WriteOptions,
  subresource?: "status",
): WriteResult {
  const r = resourceOf(plural);
  const candidate = bodyObject(r, namespace, body, name);
  const old = ctx.log.read(keyOfObject(r, candidate));
  if (!old) {
    if (CREATE_ON_UPDATE.has(r.plural) && !subresource) return createFromObject(ctx, r, candidate, options);
    throw new StatusError(errors.notFound(r, name));
  }
  assertResourceVersion(r, old, candidate);
  return commitWrite(ctx, r, old, candidate, options, subresource);
}

export function patchObject(
  ctx: StoreContext,
  plural: string,
  namespace: string | undefined,
  name: string,
  type: PatchType,
  patch: unknown,
  options: WriteOptions,
  subresource?: "status",
): WriteResult {
  const r = resourceOf(plural);
  if (type === "apply") return applyObject(ctx, r, namespace, name, patch, options, subresource);
  const old = readExisting(ctx, r, namespace, name);
  const patched = applyPatch(type, old, patch);
  // A patch that names a resourceVersion is a precondition on it.
  assertResourceVersion(r, old, patched);
  const candidate = bodyObject(r, namespace, patched, name);
  return commitWrite(ctx, r, old, candidate, options, subresource);
}

function applyObject(
  ctx: StoreContext,
  r: ResourceType,
  namespace: string | undefined,
  name: string,
  patch: unknown,
  options: WriteOptions,
  subresource?: "status",
): WriteResult {
  if (!options.fieldManager) {
    throw new StatusError(errors.badRequest("PATCH requests of type apply must have a fieldManager"));
  }
  const applied = bodyObject(r, namespace, patch, name);
  const now = timestamp(ctx.now());
  const old = ctx.log.read(keyOfObject(r, applied));
  const merged = serverSideApply(old, applied, { manager: options.fieldManager, force: options.force ?? false, now });
  if (!old) {
    if (subresource) throw new StatusError(errors.notFound(r, name));
    return createFromObject(ctx, r, merged, { ...options, fieldManager: undefined });
  }
  assertResourceVersion(r, old, applied);
  return commitWrite(ctx, r, old, merged, { ...options, fieldManager: undefined }, subresource);
}

function assertResourceVersion(r: ResourceType, old: KubeObject, candidate: KubeObject): void {
  const wanted = candidate.metadata.resourceVersion;
  if (wanted && wanted !== old.metadata.resourceVersion) {
    throw new StatusError(errors.conflict(r, old.metadata.name ?? ""));
  }
  const uid = candidate.metadata.uid;
  if (uid && uid !== old.metadata.uid) {
    throw new StatusError(
      errors.conflictWithReason(
        r,
        old.metadata.name ?? "",
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid}`,
      ),
    );
  }
}

/**
 * The shared tail of every update: the status subresource and the main
 * resource each keep the other's part, admission validates the result, and
 * server-owned metadata is carried over. A write that changes nothing is not
 * written (no new revision, no watch event).
 */
export function commitWrite(
  ctx: StoreContext,
  r: ResourceType,
  old: KubeObject,
  candidate: KubeObject,
  options: WriteOptions,
  subresource?: "status",
): WriteResult {
  const merged = subresource === "status" ? statusWrite(old, candidate) : mainResourceWrite(r, candidate, old);
  const admitted = admit(r, merged, { strict: strict(options), old, subresource });
  if (!admitted.ok) throw new StatusError(admitted.status);
  let updated = admitted.object;
  carryOverMetadata(updated, old);
  if (options.fieldManager) {
    updated = recordUpdateManager(old, updated, {
      manager: options.fieldManager,
      now: timestamp(ctx.now()),
      subresource,
    });
  }
  if (unchanged(updated, old)) return { object: old, created: false, warnings: admitted.warnings };
  if (options.dryRun) return { object: updated, created: false, warnings: admitted.warnings };
  const released = finalizeIfReleased(ctx, r, old, updated);
  if (!released) ctx.writes.commit([{ type: "MODIFIED", resource: r.plural, object: updated, previous: old }]);
  return { object: updated, created: false, warnings: admitted.warnings };
}

/** A status write: the stored object with only its status taken from the request. */
function statusWrite(old: KubeObject, candidate: KubeObject): KubeObject {
  return withStatus({ ...old, metadata: { ...old.metadata } }, candidate.status);
}

/** A main-resource write: kinds with a status subresource keep their stored status. */
function mainResourceWrite(r: ResourceType, candidate: KubeObject, old: KubeObject): KubeObject {
  return r.subresources.includes("status") ? withStatus({ ...candidate }, old.status) : candidate;
}

function withStatus(object: KubeObject, status: unknown): KubeObject {
  if (status === undefined) delete object.status;
  else object.status = status;
  return object;
}
