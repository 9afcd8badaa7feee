// Admission: what the store runs on every write. Checks apiVersion/kind, drops
// nulls, parses with the kind's schema (unknown fields: strict error or
// warning), applies Kubernetes' defaults and validates, with errors worded as
// the API server words them.
import type { KubeObject } from "../apimachinery/object.ts";
import { isPlainObject } from "../apimachinery/object.ts";
import type { ResourceType } from "../apimachinery/registry.ts";
import { apiVersionOf } from "../apimachinery/registry.ts";
import { errors } from "../apimachinery/status.ts";
import type { AdmitOptions, AdmitResult } from "./admission/define.ts";
import { stripNulls } from "./admission/nulls.ts";
import { KIND_ADMISSION, SCALE_ADMISSION } from "./admission/table.ts";

export type { AdmitOptions, AdmitResult } from "./admission/define.ts";

/** The resource an autoscaling/v1 Scale is reported as (`Scale.autoscaling "web" is invalid`). */
function scaleResource(r: ResourceType): ResourceType {
  return { ...r, group: "autoscaling", version: "v1", kind: "Scale" };
}

export function admit(r: ResourceType, input: unknown, options: AdmitOptions): AdmitResult {
  const target = options.subresource === "scale" ? scaleResource(r) : r;
  const apiVersion = apiVersionOf(target);
  if (!isPlainObject(input)) {
    return {
      ok: false,
      status: errors.badRequest(`${target.kind} in version "${target.version}" cannot be handled as a ${target.kind}: the body must be a JSON object`),
    };
  }
  const body = stripNulls(input) as Record<string, unknown>;
  if (body.apiVersion === undefined || body.apiVersion === "") body.apiVersion = apiVersion;
  if (body.kind === undefined || body.kind === "") body.kind = target.kind;
  if (body.apiVersion !== apiVersion) {
    return {
      ok: false,
      status: errors.badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersion})`),
    };
  }
  if (body.kind !== target.kind) {
    return {
      ok: false,
      status: errors.badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${target.kind})`),
    };
  }
  if (body.metadata === undefined) body.metadata = {};
  const handler = options.subresource === "scale" ? SCALE_ADMISSION : KIND_ADMISSION[r.kind];
  if (!handler) {
    // A kind without a schema still gets its envelope checked; nothing else is known about it.
    return { ok: true, object: body as KubeObject, warnings: [] };
  }
  return handler.admit(target, body, options);
}
