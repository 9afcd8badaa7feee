// zod issues rendered as Kubernetes StatusCauses, so a schema (type) error reads
// like the API server's: `spec.containers[0].name: Required value`.
import type { z } from "zod";
import type { StatusCause } from "../../apimachinery/status.ts";
import { fieldErrors } from "../validation/field.ts";
import type { BadValue } from "../validation/field.ts";
import { fieldPath, valueAt } from "./paths.ts";

// Every numeric field in these APIs is an integer (quantities are strings).
const TYPE_NAMES: Record<string, string> = { int: "integer", number: "integer", string: "string", boolean: "boolean", object: "object", array: "array" };

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function badValue(v: unknown): BadValue {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v === null || v === undefined) return null;
  return { go: JSON.stringify(v) };
}

function typeError(field: string, actual: unknown, expected: string): StatusCause {
  const t = jsonType(actual);
  return fieldErrors.typeInvalid(field, t, `${field} in body must be of type ${expected}: ${JSON.stringify(t)}`);
}

function causeFor(issue: z.core.$ZodIssue, input: unknown): StatusCause {
  const field = fieldPath(issue.path);
  const actual = valueAt(input, issue.path);
  switch (issue.code) {
    case "invalid_type":
      if (actual === undefined) return fieldErrors.required(field);
      return typeError(field, actual, TYPE_NAMES[issue.expected] ?? issue.expected);
    case "invalid_value":
      return fieldErrors.notSupported(field, badValue(actual), issue.values.map((v) => String(v)));
    case "invalid_union": {
      const expected = [...new Set(issue.errors.flatMap((e) => e.map((i) => (i.code === "invalid_type" ? (TYPE_NAMES[i.expected] ?? i.expected) : ""))))].filter(Boolean);
      return typeError(field, actual, expected.join(" or ") || "the expected type");
    }
    case "too_big":
      return fieldErrors.invalid(field, badValue(actual), `must be less than or equal to ${String(issue.maximum)}`);
    case "too_small":
      return fieldErrors.invalid(field, badValue(actual), `must be greater than or equal to ${String(issue.minimum)}`);
    default:
      return fieldErrors.invalid(field, badValue(actual), issue.message);
  }
}

export function causesFromZod(error: z.ZodError, input: unknown): StatusCause[] {
  return error.issues.map((issue) => causeFor(issue, input));
}
