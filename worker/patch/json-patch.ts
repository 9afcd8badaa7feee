// JSON patch (RFC 6902) through fast-json-patch, with each failure reported
// against the operation that caused it.
import { applyOperation, JsonPatchError } from "fast-json-patch";
import type { Operation } from "fast-json-patch";
import { isPlainObject } from "../apimachinery/object.ts";
import { badPatch, unappliablePatch } from "./patch-errors.ts";
import { deepClone } from "../apimachinery/json-value.ts";
import type { StatusError } from "../apimachinery/status.ts";

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

/** Checks the shape of every operation before touching the document, so a bad
 * op late in the list cannot leave a half-applied result. */
function parseOperations(patch: unknown): Operation[] {
  if (!Array.isArray(patch)) throw badPatch("json patch must be a JSON array of operations");
  return patch.map((op: unknown, i) => {
    if (!isPlainObject(op)) throw badPatch(`json patch operation ${i} is not an object`);
    const { op: name, path, from } = op;
    if (typeof name !== "string" || !OPS.has(name)) {
      throw badPatch(`json patch operation ${i} has unsupported op ${JSON.stringify(name)}; expected one of add, remove, replace, move, copy, test`);
    }
    if (typeof path !== "string") throw badPatch(`json patch operation ${i} (${name}) is missing its "path"`);
    if ((name === "move" || name === "copy") && typeof from !== "string") {
      throw badPatch(`json patch operation ${i} (${name} ${path}) is missing its "from"`);
    }
    if ((name === "add" || name === "replace" || name === "test") && !Object.hasOwn(op, "value")) {
      throw badPatch(`json patch operation ${i} (${name} ${path}) is missing its "value"`);
    }
    return op as unknown as Operation;
  });
}

function describe(op: Operation, index: number): string {
  const from = "from" in op ? ` from ${op.from}` : "";
  return `json patch operation ${index} (${op.op} ${op.path}${from})`;
}

function translate(err: JsonPatchError, op: Operation, index: number): StatusError {
  const what = describe(op, index);
  const path = op.path;
  switch (err.name) {
    case "TEST_OPERATION_FAILED":
      return badPatch(`${what} failed: the value at ${path} does not match`);
    case "OPERATION_PATH_UNRESOLVABLE":
      return unappliablePatch(`${what} cannot apply: the path ${path} does not exist`, path);
    case "OPERATION_FROM_UNRESOLVABLE":
      return unappliablePatch(`${what} cannot apply: the "from" path does not exist`, path);
    case "OPERATION_PATH_CANNOT_ADD":
      return unappliablePatch(`${what} cannot apply: the parent of ${path} does not exist`, path);
    case "OPERATION_PATH_ILLEGAL_ARRAY_INDEX":
    case "OPERATION_VALUE_OUT_OF_BOUNDS":
      return unappliablePatch(`${what} cannot apply: array index out of range or invalid`, path);
    default:
      return badPatch(`${what} is invalid: ${err.message.split("\n")[0]}`);
  }
}

export function jsonPatch(document: unknown, patch: unknown): unknown {
  const ops = parseOperations(patch);
  // Applied one by one on a private copy, so every failure names its operation
  // and the caller's document is never touched.
  let doc: unknown = deepClone(document);
  ops.forEach((op, i) => {
    try {
      doc = applyOperation(doc, op, true, true, true, i).newDocument;
    } catch (err) {
      if (err instanceof JsonPatchError) throw translate(err, op, i);
      throw err;
    }
  });
  return doc;
}
