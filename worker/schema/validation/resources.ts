// ResourceRequirements and ResourceLists: names, quantities, requests <= limits.
import type { ResourceListValue } from "../meta.ts";
import { QUANTITY_REGEX_MESSAGE, tryParseQuantity } from "../quantity.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, invalidEach, key } from "./field.ts";
import { qualifiedNameErrors } from "../../apimachinery/name-validation.ts";

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

function isStandardContainerResource(name: string): boolean {
  return STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith("hugepages-");
}

/** Extended resources (vendor.com/gpu) are fully qualified; bare names must be standard. */
function validateResourceName(name: string, path: string, forContainer: boolean): FieldError[] {
  const errs = invalidEach(path, name, qualifiedNameErrors(name));
  if (errs.length) return errs;
  if (!name.includes("/")) {
    if (forContainer && !isStandardContainerResource(name)) {
      return [fieldErrors.invalid(path, name, "must be a standard resource for containers")];
    }
  }
  return [];
}

export function validateResourceQuantity(value: string, path: string): FieldError[] {
  const n = tryParseQuantity(value);
  if (n === undefined) return [fieldErrors.invalid(path, value, QUANTITY_REGEX_MESSAGE)];
  if (n < 0) return [fieldErrors.invalid(path, value, "must be greater than or equal to 0")];
  return [];
}

/** A ResourceList outside containers (node capacity, overhead): any qualified name. */
export function validateResourceList(list: ResourceListValue | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [name, q] of Object.entries(list ?? {})) {
    const p = key(path, name);
    errs.push(...validateResourceName(name, p, false), ...validateResourceQuantity(q, p));
  }
  return errs;
}

export function validateResourceRequirements(
  resources: { limits?: ResourceListValue; requests?: ResourceListValue } | undefined,
  path: string,
): FieldError[] {
  if (!resources) return [];
  const errs: FieldError[] = [];
  const limitsPath = child(path, "limits");
  const requestsPath = child(path, "requests");
  const limits = resources.limits ?? {};
  const requests = resources.requests ?? {};
  for (const [name, q] of Object.entries(limits)) {
    const p = key(limitsPath, name);
    errs.push(...validateResourceName(name, p, true), ...validateResourceQuantity(q, p));
  }
  for (const [name, q] of Object.entries(requests)) {
    const p = key(requestsPath, name);
    const own = [...validateResourceName(name, p, true), ...validateResourceQuantity(q, p)];
    errs.push(...own);
    const limit = limits[name];
    if (own.length || limit === undefined) continue;
    const request = tryParseQuantity(q);
    const max = tryParseQuantity(limit);
    if (request !== undefined && max !== undefined && request > max) {
      errs.push(fieldErrors.invalid(requestsPath, q, `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return errs;
}
