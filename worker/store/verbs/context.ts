// What every verb needs from the cluster object, and the lookups they share.
import type { KubeObject } from "../../apimachinery/object.ts";
import type { ResourceType } from "../../apimachinery/registry.ts";
import { resourceByPlural } from "../../apimachinery/registry.ts";
import { StatusError, errors, failure } from "../../apimachinery/status.ts";
import type { ObjectKey, RevisionLog } from "../revision-log.ts";
import type { WritePath } from "../write-path.ts";

export interface StoreContext {
  log: RevisionLog;
  writes: WritePath;
  now(): Date;
}

export function resourceOf(plural: string): ResourceType {
  const r = resourceByPlural(plural);
  if (!r) throw new StatusError(failure(404, "NotFound", "the server could not find the requested resource"));
  return r;
}

export function keyOf(r: ResourceType, namespace: string | undefined, name: string): ObjectKey {
  return { resource: r.plural, namespace: r.namespaced ? (namespace ?? "") : "", name };
}

export function keyOfObject(r: ResourceType, object: KubeObject): ObjectKey {
  return keyOf(r, object.metadata.namespace, object.metadata.name ?? "");
}

export function readExisting(ctx: StoreContext, r: ResourceType, namespace: string | undefined, name: string): KubeObject {
  const object = ctx.log.read(keyOf(r, namespace, name));
  if (!object) throw new StatusError(errors.notFound(r, name));
  return object;
}

const NAMESPACES: ObjectKey = { resource: "namespaces", namespace: "", name: "" };

export function readNamespace(ctx: StoreContext, name: string): KubeObject | undefined {
  return ctx.log.read({ ...NAMESPACES, name });
}

/** New objects need an existing namespace that is not being deleted. */
export function assertNamespaceAcceptsNew(ctx: StoreContext, r: ResourceType, namespace: string, name: string): void {
  if (!r.namespaced) return;
  const ns = readNamespace(ctx, namespace);
  if (!ns) throw new StatusError(errors.namespaceNotFound(namespace));
  if (ns.metadata.deletionTimestamp) throw new StatusError(errors.namespaceTerminating(r, name, namespace));
}
