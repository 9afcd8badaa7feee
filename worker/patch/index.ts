// The patch engines the store applies inside its write path.
import type { KubeObject } from "../apimachinery/object.ts";
import { isPlainObject } from "../apimachinery/object.ts";
import { jsonPatch } from "./json-patch.ts";
import { mergePatch } from "./merge-patch.ts";
import { kindMeta } from "./merge-keys.ts";
import { badPatch, unappliablePatch } from "./patch-errors.ts";
import { strategicMerge } from "./strategic-merge.ts";

export { serverSideApply } from "./server-side-apply.ts";
export { recordUpdateManager } from "./managed-fields.ts";
export { semanticallyEqual } from "./semantic-equal.ts";

export type PatchType = "json" | "merge" | "strategic" | "apply";

const CONTENT_TYPES: Readonly<Record<string, PatchType>> = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
  "application/apply-patch+yaml": "apply",
};

export function patchTypeFromContentType(contentType: string): PatchType | undefined {
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  return Object.hasOwn(CONTENT_TYPES, mediaType) ? CONTENT_TYPES[mediaType] : undefined;
}

/** Applies a json/merge/strategic patch to a copy of `live`; never mutates
 * inputs. Throws StatusError: 400 for a malformed patch or a failed json-patch
 * test, 422 for a patch that cannot apply (e.g. a missing path). */
export function applyPatch(type: Exclude<PatchType, "apply">, live: KubeObject, patch: unknown): KubeObject {
  let result: unknown;
  if (type === "json") {
    result = jsonPatch(live, patch);
  } else {
    if (!isPlainObject(patch)) throw badPatch(`a ${type} patch must be a JSON object`);
    result = type === "merge" ? mergePatch(live, patch) : strategicMerge(live, patch, kindMeta(live.kind));
  }
  if (!isPlainObject(result) || !isPlainObject(result.metadata)) {
    throw unappliablePatch("the patched object must be a JSON object with metadata", "metadata");
  }
  return result as KubeObject;
}
