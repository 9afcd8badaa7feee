// Patch failures, worded so the client learns which part of its patch failed
// (Kubernetes' generic "the server rejected our request" hides that).
import { StatusError, errors, failure } from "../apimachinery/status.ts";

/** The patch itself is malformed: 400 BadRequest. */
export function badPatch(message: string): StatusError {
  return new StatusError(errors.badRequest(message));
}

/** The patch is well-formed but cannot apply to this object: 422 Invalid. */
export function unappliablePatch(message: string, field = ""): StatusError {
  return new StatusError(
    failure(422, "Invalid", message, { causes: [{ reason: "FieldValueInvalid", message, field }] }),
  );
}
