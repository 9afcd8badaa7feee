// Deployments and ReplicaSets: ValidateDeployment, ValidateReplicaSet and
// their update and status rules.
import type { Deployment } from "../deployment.ts";
import type { IntOrStringValue, LabelSelectorValue } from "../meta.ts";
import type { ReplicaSet } from "../replicaset.ts";
import { labelSelectorFromObject, matchesLabels } from "../../apimachinery/selectors.ts";
import type { FieldError, GoLiteral } from "./field.ts";
import { fieldErrors, goStringMap, invalidEach, nonNegative } from "./field.ts";
import { validateLabelSelector } from "./labels.ts";
import { validateObjectMeta } from "./meta.ts";
import { dns1123SubdomainErrors, percentErrors } from "../../apimachinery/name-validation.ts";
import { validatePodTemplate } from "./pod.ts";
import { deepEqual } from "./equal.ts";

/** How Go's `%#v` prints a *metav1.LabelSelector in "field is immutable" errors. */
export function goLabelSelector(s: LabelSelectorValue | undefined): GoLiteral {
  if (!s) return { go: "(*v1.LabelSelector)(nil)" };
  const labels = s.matchLabels ? goStringMap(s.matchLabels).go : "map[string]string(nil)";
  const exprs = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${
              e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(", ")}}` : "[]string(nil)"
            }}`,
        )
        .join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return { go: `&v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}` };
}

type Spec = {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelectorValue;
  template?: { metadata?: { labels?: Record<string, string> } };
};

function validateSelectorAndTemplate(spec: Spec, kindWord: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector;
  if (!selector) {
    errs.push(fieldErrors.required("spec.selector"));
  } else {
    const selectorErrors = validateLabelSelector(selector, "spec.selector");
    errs.push(...selectorErrors);
    // Only a well-formed selector can be compiled and compared with the template.
    if (selectorErrors.length === 0) {
      const compiled = labelSelectorFromObject(selector);
      if (compiled.requirements.length === 0) {
        errs.push(fieldErrors.invalid("spec.selector", goLabelSelector(selector), `empty selector is invalid for ${kindWord}`));
      } else if (spec.template && !matchesLabels(compiled, spec.template.metadata?.labels)) {
        errs.push(
          fieldErrors.invalid("spec.template.metadata.labels", goStringMap(spec.template.metadata?.labels), "`selector` does not match template `labels`"),
        );
      }
    }
  }
  errs.push(...nonNegative("spec.replicas", spec.replicas));
  errs.push(...nonNegative("spec.minReadySeconds", spec.minReadySeconds));
  return errs;
}

function intOrPercent(value: IntOrStringValue | undefined, path: string, maxHundred: boolean): FieldError[] {
  if (value === undefined) return [];
  if (typeof value === "number") return nonNegative(path, value);
  const errs = invalidEach(path, value, percentErrors(value));
  if (errs.length) return errs;
  if (maxHundred && Number.parseInt(value, 10) > 100) return [fieldErrors.invalid(path, value, "must not be greater than 100%")];
  return [];
}

function isZero(value: IntOrStringValue | undefined): boolean {
  return value === 0 || (typeof value === "string" && /^0+%$/.test(value));
}

export function validateDeployment(d: Deployment): FieldError[] {
  const errs = validateObjectMeta(d.metadata, { namespaced: true, nameCheck: dns1123SubdomainErrors });
  const spec = d.spec;
  if (!spec) return [...errs, fieldErrors.required("spec.selector"), fieldErrors.required("spec.template")];
  errs.push(...validateSelectorAndTemplate(spec, "deployment"));
  errs.push(...validatePodTemplate(spec.template, "spec.template", "ReplicaSet"));
  const strategy = spec.strategy;
  if (strategy) {
    const ru = strategy.rollingUpdate;
    if (strategy.type === "Recreate" && ru) {
      errs.push(fieldErrors.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
    } else if (ru) {
      const p = "spec.strategy.rollingUpdate";
      errs.push(...intOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`, true));
      errs.push(...intOrPercent(ru.maxSurge, `${p}.maxSurge`, false));
      if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
        errs.push(fieldErrors.invalid(`${p}.maxUnavailable`, ru.maxUnavailable ?? 0, "may not be 0 when `maxSurge` is 0"));
      }
    }
  }
  errs.push(...nonNegative("spec.revisionHistoryLimit", spec.revisionHistoryLimit));
  const deadline = spec.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errs.push(...nonNegative("spec.progressDeadlineSeconds", deadline));
    if (deadline <= (spec.minReadySeconds ?? 0)) {
      errs.push(fieldErrors.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
    }
  }
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const errs = validateObjectMeta(rs.metadata, { namespaced: true, nameCheck: dns1123SubdomainErrors });
  const spec = rs.spec ?? {};
  errs.push(...validateSelectorAndTemplate(spec, "replicaset"));
  errs.push(...validatePodTemplate(spec.template, "spec.template", "ReplicaSet"));
  return errs;
}

/** spec.selector is immutable in apps/v1. */
export function validateSelectorUpdate(next: LabelSelectorValue | undefined, prev: LabelSelectorValue | undefined): FieldError[] {
  return deepEqual(next, prev) ? [] : [fieldErrors.invalid("spec.selector", goLabelSelector(next), "field is immutable")];
}

type Counts = Partial<Record<"replicas" | "updatedReplicas" | "readyReplicas" | "availableReplicas" | "fullyLabeledReplicas", number>>;

function validateCounts(status: Counts & { observedGeneration?: number }, fields: readonly (keyof Counts)[]): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of [...fields, "observedGeneration"] as const) errs.push(...nonNegative(`status.${f}`, status[f]));
  const replicas = status.replicas ?? 0;
  for (const f of fields) {
    if (f === "replicas") continue;
    const v = status[f];
    if (v !== undefined && v > replicas) errs.push(fieldErrors.invalid(`status.${f}`, v, "cannot be greater than status.replicas"));
  }
  const available = status.availableReplicas;
  if (available !== undefined && available > (status.readyReplicas ?? 0)) {
    errs.push(fieldErrors.invalid("status.availableReplicas", available, "cannot be greater than readyReplicas"));
  }
  return errs;
}

export function validateDeploymentStatus(d: Deployment): FieldError[] {
  const status = d.status ?? {};
  const errs = validateCounts(status, ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"]);
  errs.push(...nonNegative("status.unavailableReplicas", status.unavailableReplicas));
  errs.push(...nonNegative("status.collisionCount", status.collisionCount));
  return errs;
}

export function validateReplicaSetStatus(rs: ReplicaSet): FieldError[] {
  return validateCounts(rs.status ?? {}, ["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas"]);
}

