// Query parameters and DeleteOptions, parsed into the store's option types.
import { isPlainObject } from "../apimachinery/object.ts";
import { StatusError, errors } from "../apimachinery/status.ts";
import type { LogOptions } from "../store/verbs/pod-logs.ts";
import type { DeleteOptions, FieldValidation, ListOptions, PropagationPolicy, WatchOptions, WriteOptions } from "../store/options.ts";

type Query = URLSearchParams;

function integer(query: Query, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new StatusError(errors.badRequest(`${name}: invalid integer "${text}"`));
  return value;
}

function flag(query: Query, name: string): boolean {
  const value = query.get(name);
  return value === "true" || value === "1";
}

function dryRun(values: string[]): boolean {
  for (const value of values) {
    if (value !== "All") throw new StatusError(errors.badRequest(`Invalid dryRun value: "${value}": supported values: "All"`));
  }
  return values.length > 0;
}

export function writeOptions(query: Query): WriteOptions {
  const validation = query.get("fieldValidation") ?? "Warn";
  if (validation !== "Strict" && validation !== "Warn" && validation !== "Ignore") {
    throw new StatusError(
      errors.badRequest(`fieldValidation parameter unsupported: ${validation}. Supported values: "Ignore", "Warn", "Strict"`),
    );
  }
  const fieldManager = query.get("fieldManager") ?? undefined;
  if (fieldManager && fieldManager.length > 128) {
    throw new StatusError(errors.badRequest("fieldManager: Too long: must have at most 128 bytes"));
  }
  return {
    dryRun: dryRun(query.getAll("dryRun")),
    fieldManager,
    fieldValidation: validation as FieldValidation,
    force: flag(query, "force"),
  };
}

export function listOptions(query: Query): ListOptions {
  return {
    labelSelector: query.get("labelSelector") ?? undefined,
    fieldSelector: query.get("fieldSelector") ?? undefined,
    limit: integer(query, "limit"),
    continue: query.get("continue") || undefined,
  };
}

export function isWatch(query: Query): boolean {
  return flag(query, "watch");
}

export function watchOptions(query: Query): WatchOptions {
  return {
    ...listOptions(query),
    resourceVersion: query.get("resourceVersion") ?? undefined,
    allowWatchBookmarks: flag(query, "allowWatchBookmarks"),
    timeoutSeconds: integer(query, "timeoutSeconds"),
  };
}

export function logOptions(query: Query): LogOptions {
  const positive = (name: string) => {
    const value = integer(query, name);
    if (value !== undefined && value <= 0) throw new StatusError(errors.badRequest(`${name}: must be greater than 0`));
    return value;
  };
  const tailLines = integer(query, "tailLines");
  if (tailLines !== undefined && tailLines < 0) throw new StatusError(errors.badRequest("tailLines: must be greater than or equal to 0"));
  return {
    container: query.get("container") || undefined,
    follow: flag(query, "follow"),
    previous: flag(query, "previous"),
    timestamps: flag(query, "timestamps"),
    tailLines,
    sinceSeconds: positive("sinceSeconds"),
    limitBytes: positive("limitBytes"),
  };
}

const POLICIES = new Set(["Background", "Foreground", "Orphan"]);

/** DeleteOptions from the body (kubectl) and the query (client libraries), the body winning. */
export function deleteOptions(query: Query, body: unknown): DeleteOptions {
  const fromBody = isPlainObject(body) ? body : {};
  const grace = typeof fromBody.gracePeriodSeconds === "number" ? fromBody.gracePeriodSeconds : integer(query, "gracePeriodSeconds");
  let policy = (typeof fromBody.propagationPolicy === "string" ? fromBody.propagationPolicy : query.get("propagationPolicy")) ?? undefined;
  const orphan = typeof fromBody.orphanDependents === "boolean" ? fromBody.orphanDependents : query.get("orphanDependents") === "true";
  if (!policy && orphan) policy = "Orphan";
  if (policy && !POLICIES.has(policy)) {
    throw new StatusError(errors.badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`));
  }
  const preconditions = isPlainObject(fromBody.preconditions) ? fromBody.preconditions : {};
  const bodyDryRun = Array.isArray(fromBody.dryRun) ? fromBody.dryRun.map(String) : [];
  return {
    gracePeriodSeconds: grace,
    propagationPolicy: policy as PropagationPolicy | undefined,
    preconditions: {
      uid: typeof preconditions.uid === "string" ? preconditions.uid : undefined,
      resourceVersion: typeof preconditions.resourceVersion === "string" ? preconditions.resourceVersion : undefined,
    },
    dryRun: dryRun([...bodyDryRun, ...query.getAll("dryRun")]),
  };
}
