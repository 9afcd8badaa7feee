// ValidatePodUpdate: a pod's spec is immutable apart from a few fields.
import type { Pod, PodSpecValue } from "../pod.ts";
import type { FieldError } from "./field.ts";
import { fieldErrors } from "./field.ts";
import { deepEqual } from "./equal.ts";

const UPDATABLE_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

function onlyAddedTolerations(next: PodSpecValue["tolerations"], prev: PodSpecValue["tolerations"]): FieldError[] {
  for (const old of prev ?? []) {
    // tolerationSeconds of an existing toleration may change.
    const found = (next ?? []).some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fieldErrors.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds")];
  }
  return [];
}

function withImagesOf<T extends { image?: string }>(next: T[] | undefined, prev: T[] | undefined): T[] | undefined {
  if (!next || !prev || next.length !== prev.length) return next;
  return next.map((c, i) => ({ ...c, image: prev[i].image }));
}

/** Names the top-level spec fields that differ, so the error says what changed. */
function changedFields(a: PodSpecValue, b: PodSpecValue): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const ra: Record<string, unknown> = a;
  const rb: Record<string, unknown> = b;
  return [...keys].filter((k) => !deepEqual(ra[k], rb[k])).sort();
}

export function validatePodUpdate(next: Pod, prev: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const spec = next.spec;
  const old = prev.spec;
  if (!spec || !old) return errs;
  if (spec.activeDeadlineSeconds !== undefined) {
    if (old.activeDeadlineSeconds !== undefined && old.activeDeadlineSeconds < spec.activeDeadlineSeconds) {
      errs.push(fieldErrors.invalid("spec.activeDeadlineSeconds", spec.activeDeadlineSeconds, "must be less than or equal to previous value"));
    }
  } else if (old.activeDeadlineSeconds !== undefined) {
    errs.push(fieldErrors.invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
  }
  errs.push(...onlyAddedTolerations(spec.tolerations, old.tolerations));
  const munged: PodSpecValue = {
    ...spec,
    containers: withImagesOf(spec.containers, old.containers) ?? spec.containers,
    initContainers: withImagesOf(spec.initContainers, old.initContainers),
    activeDeadlineSeconds: old.activeDeadlineSeconds,
    tolerations: old.tolerations,
    // Binding: there is no pods/binding subresource here, so setting nodeName
    // once on an unscheduled pod is how the scheduler binds it.
    nodeName: old.nodeName ? spec.nodeName : old.nodeName,
  };
  if (old.terminationGracePeriodSeconds !== undefined && old.terminationGracePeriodSeconds < 0 && spec.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  }
  // Removing scheduling gates is how a gated pod is released.
  if ((spec.schedulingGates ?? []).every((g) => (old.schedulingGates ?? []).some((o) => o.name === g.name))) {
    munged.schedulingGates = old.schedulingGates;
  }
  if (!deepEqual(munged, old)) {
    const changed = changedFields(munged, old).map((f) => `spec.${f}`);
    errs.push(
      fieldErrors.forbidden(
        "spec",
        `pod updates may not change fields other than ${UPDATABLE_FIELDS.join(",")}\n(changed: ${changed.join(", ")})`,
      ),
    );
  }
  return errs;
}
