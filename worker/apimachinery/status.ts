// Kubernetes `kind: Status` errors, worded as the API server words them so that
// kubectl prints the same messages (`Error from server (NotFound): ...`).
import type { ResourceType } from "./registry.ts";
import { qualifiedName } from "./registry.ts";

export type StatusReason =
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Gone"
  | "Expired"
  | "Invalid"
  | "RequestEntityTooLarge"
  | "UnsupportedMediaType"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "InternalError"
  | "Timeout"
  | "TooManyRequests"
  | "ServiceUnavailable";

export type CauseReason =
  | "FieldValueRequired"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueDuplicate"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "FieldValueForbidden"
  | "FieldValueTypeInvalid"
  | "FieldManagerConflict";

export interface StatusCause {
  reason: CauseReason;
  message: string;
  field: string;
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message?: string;
  reason?: StatusReason;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** An error that carries its Status; thrown anywhere, rendered once at the edge. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? "error");
    this.name = "StatusError";
  }
}

export function failure(
  code: number,
  reason: StatusReason,
  message: string,
  details?: Status["details"],
): Status {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export function success(details?: Status["details"]): Status {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", ...(details ? { details } : {}), code: 200 };
}

/** `kind` for details: Kubernetes puts the plural resource name there. */
function detailsFor(r: ResourceType, name: string): Status["details"] {
  return { name, ...(r.group ? { group: r.group } : {}), kind: r.plural };
}

export const errors = {
  notFound: (r: ResourceType, name: string) =>
    failure(404, "NotFound", `${qualifiedName(r)} "${name}" not found`, detailsFor(r, name)),
  namespaceNotFound: (namespace: string) =>
    failure(404, "NotFound", `namespaces "${namespace}" not found`, { name: namespace, kind: "namespaces" }),
  alreadyExists: (r: ResourceType, name: string) =>
    failure(409, "AlreadyExists", `${qualifiedName(r)} "${name}" already exists`, detailsFor(r, name)),
  conflict: (r: ResourceType, name: string) =>
    failure(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${qualifiedName(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      detailsFor(r, name),
    ),
  conflictWithReason: (r: ResourceType, name: string, why: string) =>
    failure(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedName(r)} "${name}": ${why}`, detailsFor(r, name)),
  invalid: (r: ResourceType, name: string, causes: StatusCause[]) =>
    failure(
      422,
      "Invalid",
      `${r.kind}${r.group ? `.${r.group}` : ""} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(", ")}`,
      { name, ...(r.group ? { group: r.group } : {}), kind: r.kind, causes },
    ),
  badRequest: (message: string) => failure(400, "BadRequest", message),
  forbidden: (message: string) => failure(403, "Forbidden", message),
  namespaceTerminating: (r: ResourceType, name: string, namespace: string) =>
    failure(
      403,
      "Forbidden",
      `${qualifiedName(r)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      detailsFor(r, name),
    ),
  unauthorized: () => failure(401, "Unauthorized", "Unauthorized"),
  gone: (message: string) => failure(410, "Expired", message),
  tooLarge: (message: string) => failure(413, "RequestEntityTooLarge", message),
  unsupportedMediaType: (contentType: string) =>
    failure(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got ${contentType})`),
  methodNotAllowed: (method: string) => failure(405, "MethodNotAllowed", `the server does not allow this method on the requested resource (${method})`),
  internal: (requestId: string) =>
    failure(500, "InternalError", `Internal error occurred: request ${requestId} failed; the server logged the cause`),
};
