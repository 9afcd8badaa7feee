// Labels, annotations, label selectors and finalizer names (apimachinery's
// ValidateLabels/ValidateAnnotations/ValidateLabelSelector).
import type { LabelSelectorValue } from "../meta.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, index, invalidEach } from "./field.ts";
import { labelValueErrors, qualifiedNameErrors } from "../../apimachinery/name-validation.ts";

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateLabelName(name: string, path: string): FieldError[] {
  return invalidEach(path, name, qualifiedNameErrors(name));
}

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    errs.push(...invalidEach(path, v, labelValueErrors(v)));
  }
  return errs;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    // Annotation keys are qualified names, but case does not matter.
    errs.push(...invalidEach(path, k, qualifiedNameErrors(k.toLowerCase())));
    total += utf8Length(k) + utf8Length(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fieldErrors.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

export function validateLabelSelector(selector: LabelSelectorValue | undefined, path: string): FieldError[] {
  if (!selector) return [];
  const errs = validateLabels(selector.matchLabels, child(path, "matchLabels"));
  (selector.matchExpressions ?? []).forEach((req, i) => {
    const p = index(child(path, "matchExpressions"), i);
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) {
          errs.push(fieldErrors.required(child(p, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) {
          errs.push(fieldErrors.forbidden(child(p, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        errs.push(fieldErrors.invalid(child(p, "operator"), req.operator, "not a valid selector operator"));
    }
    errs.push(...validateLabelName(req.key, child(p, "key")));
  });
  return errs;
}

const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

export function validateFinalizerName(name: string, path: string): FieldError[] {
  const errs = invalidEach(path, name, qualifiedNameErrors(name));
  if (errs.length === 0 && !name.includes("/") && !STANDARD_FINALIZERS.has(name)) {
    errs.push(fieldErrors.invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified"));
  }
  return errs;
}
