// Namespaces and Nodes.
import type { Namespace } from "../namespace.ts";
import type { Node } from "../node.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, goStringSlice, index, invalidEach } from "./field.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors, isCIDR, labelValueErrors } from "../../apimachinery/name-validation.ts";
import { validateFinalizerName, validateLabelName } from "./labels.ts";
import { validateObjectMeta } from "./meta.ts";
import { validateResourceList } from "./resources.ts";
import { validateTaintEffect } from "./scheduling.ts";
import { deepEqual } from "./equal.ts";

export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, { namespaced: false, nameCheck: dns1123LabelErrors });
  (ns.spec?.finalizers ?? []).forEach((f, i) => errs.push(...validateFinalizerName(f, index("spec.finalizers", i))));
  return errs;
}

export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, { namespaced: false, nameCheck: dns1123SubdomainErrors });
  const spec = node.spec ?? {};
  const seen = new Set<string>();
  (spec.taints ?? []).forEach((t, i) => {
    const p = index("spec.taints", i);
    if (!t.key) errs.push(fieldErrors.required(child(p, "key")));
    else errs.push(...validateLabelName(t.key, child(p, "key")));
    if (t.value) errs.push(...invalidEach(child(p, "value"), t.value, labelValueErrors(t.value)));
    errs.push(...validateTaintEffect(t.effect, false, child(p, "effect")));
    const k = `${t.key}\u0000${t.effect}`;
    if (seen.has(k)) {
      errs.push({
        ...fieldErrors.duplicate(p, {
          go: `core.Taint{Key:${JSON.stringify(t.key)}, Value:${JSON.stringify(t.value ?? "")}, Effect:${JSON.stringify(t.effect)}, TimeAdded:<nil>}`,
        }),
        message: `Duplicate value: core.Taint{Key:${JSON.stringify(t.key)}, Value:${JSON.stringify(t.value ?? "")}, Effect:${JSON.stringify(t.effect)}, TimeAdded:<nil>}: taints must be unique by key and effect pair`,
      });
    }
    seen.add(k);
  });
  (spec.podCIDRs ?? []).forEach((cidr, i) => {
    if (!isCIDR(cidr)) errs.push(fieldErrors.invalid(index("spec.podCIDRs", i), cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  });
  if (spec.podCIDR && spec.podCIDRs && spec.podCIDRs[0] !== spec.podCIDR) {
    errs.push(fieldErrors.invalid("spec.podCIDRs", goStringSlice(spec.podCIDRs), "first value must match `podCIDR`"));
  }
  errs.push(...validateNodeStatus(node));
  return errs;
}

export function validateNodeStatus(node: Node): FieldError[] {
  const status = node.status;
  if (!status) return [];
  return [...validateResourceList(status.capacity, "status.capacity"), ...validateResourceList(status.allocatable, "status.allocatable")];
}

export function validateNodeUpdate(next: Node, prev: Node): FieldError[] {
  const before = prev.spec?.podCIDRs ?? [];
  const after = next.spec?.podCIDRs ?? [];
  if (before.length > 0 && !deepEqual(before, after)) {
    return [fieldErrors.forbidden("spec.podCIDRs", 'node updates may not change podCIDR except from "" to valid')];
  }
  if (prev.spec?.providerID && prev.spec.providerID !== next.spec?.providerID) {
    return [fieldErrors.forbidden("spec.providerID", 'node updates may not change providerID except from "" to valid')];
  }
  return [];
}
