// Field errors worded exactly as k8s.io/apimachinery/pkg/util/validation/field
// renders them, because kubectl prints `field: message` verbatim from causes.
import type { StatusCause } from "../../apimachinery/status.ts";

export type FieldError = StatusCause;

/** A value already rendered the way Go's `%#v` would print it (maps, structs). */
export interface GoLiteral {
  go: string;
}

export type BadValue = string | number | boolean | GoLiteral | null;

export function child(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

function render(value: BadValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value.go;
}

function withDetail(head: string, detail?: string): string {
  return detail ? `${head}: ${detail}` : head;
}

/** Go's `map[string]string{"a":"b"}` with sorted keys, as `%#v` prints labels. */
export function goStringMap(m: Record<string, string> | undefined): GoLiteral {
  const entries = Object.keys(m ?? {})
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify((m ?? {})[k])}`);
  return { go: `map[string]string{${entries.join(", ")}}` };
}

export function goStringSlice(values: readonly string[]): GoLiteral {
  return { go: `[]string{${values.map((v) => JSON.stringify(v)).join(", ")}}` };
}

export const fieldErrors = {
  required: (field: string, detail?: string): FieldError => ({
    reason: "FieldValueRequired",
    message: withDetail("Required value", detail),
    field,
  }),
  invalid: (field: string, value: BadValue, detail?: string): FieldError => ({
    reason: "FieldValueInvalid",
    message: withDetail(`Invalid value: ${render(value)}`, detail),
    field,
  }),
  typeInvalid: (field: string, value: BadValue, detail: string): FieldError => ({
    reason: "FieldValueTypeInvalid",
    message: withDetail(`Invalid value: ${render(value)}`, detail),
    field,
  }),
  notSupported: (field: string, value: BadValue, supported: readonly string[]): FieldError => ({
    reason: "FieldValueNotSupported",
    message: withDetail(
      `Unsupported value: ${render(value)}`,
      supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}` : undefined,
    ),
    field,
  }),
  duplicate: (field: string, value: BadValue): FieldError => ({
    reason: "FieldValueDuplicate",
    message: `Duplicate value: ${render(value)}`,
    field,
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    reason: "FieldValueForbidden",
    message: withDetail("Forbidden", detail),
    field,
  }),
  tooLong: (field: string, maxBytes: number): FieldError => ({
    reason: "FieldValueTooLong",
    message: `Too long: may not be more than ${maxBytes} ${maxBytes === 1 ? "byte" : "bytes"}`,
    field,
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    reason: "FieldValueTooMany",
    message: `Too many: ${actual}: must have at most ${max} items`,
    field,
  }),
  // status.ts has no FieldValueNotFound reason; kubectl prints only the message,
  // so the text still reads like Kubernetes' `Not found: "x"`.
  notFound: (field: string, value: BadValue): FieldError => ({
    reason: "FieldValueInvalid",
    message: `Not found: ${render(value)}`,
    field,
  }),
};

/** One Invalid error per message, as Kubernetes does for its IsXxx checks. */
export function invalidEach(field: string, value: BadValue, messages: readonly string[]): FieldError[] {
  return messages.map((m) => fieldErrors.invalid(field, value, m));
}

export function immutable(field: string, value: BadValue): FieldError {
  return fieldErrors.invalid(field, value, "field is immutable");
}

export function nonNegative(field: string, value: number | undefined): FieldError[] {
  return value !== undefined && value < 0
    ? [fieldErrors.invalid(field, value, "must be greater than or equal to 0")]
    : [];
}
