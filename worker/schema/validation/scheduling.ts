// Scheduling constraints of a PodSpec: tolerations, affinity, topology spread.
import type { AffinityValue, TolerationValue } from "../affinity.ts";
import type { PodSpecValue } from "../pod.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, index, invalidEach } from "./field.ts";
import { labelValueErrors, qualifiedNameErrors } from "../../apimachinery/name-validation.ts";
import { validateLabelName, validateLabelSelector } from "./labels.ts";

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, path: string): FieldError[] {
  if (!effect) return allowEmpty ? [] : [fieldErrors.required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [fieldErrors.notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: TolerationValue[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = index(path, i);
    const op = child(p, "operator");
    if (t.key) errs.push(...validateLabelName(t.key, child(p, "key")));
    if (!t.key && t.operator !== "Exists") {
      errs.push(fieldErrors.invalid(op, t.operator ?? "", 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      errs.push(fieldErrors.invalid(child(p, "effect"), t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? "") {
      case "":
      case "Equal":
        errs.push(...invalidEach(op, t.value ?? "", labelValueErrors(t.value ?? "")));
        break;
      case "Exists":
        if (t.value) errs.push(fieldErrors.invalid(op, t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fieldErrors.notSupported(op, t.operator ?? "", ["Equal", "Exists"]));
    }
    errs.push(...validateTaintEffect(t.effect, true, child(p, "effect")));
  });
  return errs;
}

type Requirement = { key: string; operator: string; values?: string[] };

function validateNodeSelectorRequirement(req: Requirement, path: string, isField: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  const vp = child(path, "values");
  switch (req.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) errs.push(fieldErrors.required(vp, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) errs.push(fieldErrors.forbidden(vp, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case "Gt":
    case "Lt":
      if (values.length !== 1) errs.push(fieldErrors.required(vp, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      else if (!/^-?[0-9]+$/.test(values[0])) errs.push(fieldErrors.invalid(index(vp, 0), values[0], "must be an integer"));
      break;
    default:
      errs.push(fieldErrors.invalid(child(path, "operator"), req.operator, "not a valid selector operator"));
  }
  if (isField) {
    if (req.key !== "metadata.name") errs.push(fieldErrors.invalid(child(path, "key"), req.key, "not a valid field selector key"));
  } else {
    errs.push(...validateLabelName(req.key, child(path, "key")));
  }
  return errs;
}

type Term = { matchExpressions?: Requirement[]; matchFields?: Requirement[] };

function validateNodeSelectorTerm(term: Term, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, i) =>
    errs.push(...validateNodeSelectorRequirement(r, index(child(path, "matchExpressions"), i), false)),
  );
  (term.matchFields ?? []).forEach((r, i) => errs.push(...validateNodeSelectorRequirement(r, index(child(path, "matchFields"), i), true)));
  return errs;
}

function validateWeight(weight: number, path: string): FieldError[] {
  return weight < 1 || weight > 100 ? [fieldErrors.invalid(path, weight, "must be in the range 1-100")] : [];
}

type PodTerm = NonNullable<NonNullable<AffinityValue["podAffinity"]>["requiredDuringSchedulingIgnoredDuringExecution"]>[number];

function validatePodAffinityTerm(term: PodTerm, path: string): FieldError[] {
  const errs = validateLabelSelector(term.labelSelector, child(path, "labelSelector"));
  errs.push(...validateLabelSelector(term.namespaceSelector, child(path, "namespaceSelector")));
  const tp = child(path, "topologyKey");
  if (!term.topologyKey) errs.push(fieldErrors.required(tp, "can not be empty"));
  else errs.push(...invalidEach(tp, term.topologyKey, qualifiedNameErrors(term.topologyKey)));
  return errs;
}

function validatePodAffinity(a: AffinityValue["podAffinity"], path: string): FieldError[] {
  if (!a) return [];
  const errs: FieldError[] = [];
  (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
    errs.push(...validatePodAffinityTerm(t, index(child(path, "requiredDuringSchedulingIgnoredDuringExecution"), i))),
  );
  (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
    const p = index(child(path, "preferredDuringSchedulingIgnoredDuringExecution"), i);
    errs.push(...validateWeight(w.weight, child(p, "weight")), ...validatePodAffinityTerm(w.podAffinityTerm, child(p, "podAffinityTerm")));
  });
  return errs;
}

export function validateAffinity(affinity: AffinityValue | undefined, path: string): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const node = affinity.nodeAffinity;
  if (node) {
    const np = child(path, "nodeAffinity");
    const required = node.requiredDuringSchedulingIgnoredDuringExecution;
    if (required) {
      const tp = child(child(np, "requiredDuringSchedulingIgnoredDuringExecution"), "nodeSelectorTerms");
      if (required.nodeSelectorTerms.length === 0) errs.push(fieldErrors.required(tp, "must have at least one node selector term"));
      required.nodeSelectorTerms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, index(tp, i))));
    }
    (node.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((p, i) => {
      const pp = index(child(np, "preferredDuringSchedulingIgnoredDuringExecution"), i);
      errs.push(...validateWeight(p.weight, child(pp, "weight")), ...validateNodeSelectorTerm(p.preference, child(pp, "preference")));
    });
  }
  errs.push(...validatePodAffinity(affinity.podAffinity, child(path, "podAffinity")));
  errs.push(...validatePodAffinity(affinity.podAntiAffinity, child(path, "podAntiAffinity")));
  return errs;
}

const WHEN_UNSATISFIABLE = ["DoNotSchedule", "ScheduleAnyway"];

export function validateTopologySpread(constraints: PodSpecValue["topologySpreadConstraints"], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (constraints ?? []).forEach((c, i) => {
    const p = index(path, i);
    if (c.maxSkew <= 0) errs.push(fieldErrors.invalid(child(p, "maxSkew"), c.maxSkew, "must be greater than zero"));
    if (!c.topologyKey) errs.push(fieldErrors.required(child(p, "topologyKey"), "can not be empty"));
    else errs.push(...invalidEach(child(p, "topologyKey"), c.topologyKey, qualifiedNameErrors(c.topologyKey)));
    if (!WHEN_UNSATISFIABLE.includes(c.whenUnsatisfiable)) {
      errs.push(fieldErrors.notSupported(child(p, "whenUnsatisfiable"), c.whenUnsatisfiable, WHEN_UNSATISFIABLE));
    }
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(fieldErrors.invalid(child(p, "minDomains"), c.minDomains, "must be greater than 0"));
      else if (c.whenUnsatisfiable !== "DoNotSchedule") {
        errs.push(fieldErrors.invalid(child(p, "minDomains"), c.minDomains, "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway"));
      }
    }
    errs.push(...validateLabelSelector(c.labelSelector, child(p, "labelSelector")));
    const pair = `{${c.topologyKey}, ${c.whenUnsatisfiable}}`;
    if (seen.has(pair)) errs.push(fieldErrors.duplicate(p, pair));
    seen.add(pair);
  });
  return errs;
}
