// ValidateObjectMeta: name/generateName, namespace, labels, annotations,
// ownerReferences and finalizers.
import type { ObjectMetaValue } from "../meta.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, index, invalidEach } from "./field.ts";
import { validateAnnotations, validateFinalizerName, validateLabels } from "./labels.ts";
import { dns1123LabelErrors, maskTrailingDash } from "../../apimachinery/name-validation.ts";

export type NameCheck = (name: string) => string[];

export function validateObjectMeta(
  meta: ObjectMetaValue,
  options: { namespaced: boolean; nameCheck: NameCheck },
  path = "metadata",
): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    errs.push(...invalidEach(child(path, "generateName"), meta.generateName, options.nameCheck(maskTrailingDash(meta.generateName))));
  }
  if (!meta.name) {
    if (!meta.generateName) errs.push(fieldErrors.required(child(path, "name"), "name or generateName is required"));
  } else {
    errs.push(...invalidEach(child(path, "name"), meta.name, options.nameCheck(meta.name)));
  }
  if (options.namespaced && meta.namespace) {
    errs.push(...invalidEach(child(path, "namespace"), meta.namespace, dns1123LabelErrors(meta.namespace)));
  }
  errs.push(...validateLabels(meta.labels, child(path, "labels")));
  errs.push(...validateAnnotations(meta.annotations, child(path, "annotations")));
  errs.push(...validateOwnerReferences(meta.ownerReferences ?? [], child(path, "ownerReferences")));
  (meta.finalizers ?? []).forEach((f, i) => errs.push(...validateFinalizerName(f, index(child(path, "finalizers"), i))));
  return errs;
}

function validateOwnerReferences(refs: NonNullable<ObjectMetaValue["ownerReferences"]>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  refs.forEach((ref) => {
    if (!ref.apiVersion) errs.push(fieldErrors.invalid(child(path, "apiVersion"), ref.apiVersion, "version must not be empty"));
    if (!ref.kind) errs.push(fieldErrors.invalid(child(path, "kind"), ref.kind, "kind must not be empty"));
    if (!ref.name) errs.push(fieldErrors.invalid(child(path, "name"), ref.name, "name must not be empty"));
    if (!ref.uid) errs.push(fieldErrors.invalid(child(path, "uid"), ref.uid, "uid must not be empty"));
  });
  const controllers = refs.filter((r) => r.controller);
  if (controllers.length > 1) {
    errs.push(
      fieldErrors.invalid(
        path,
        { go: "[]v1.OwnerReference{...}" },
        `Only one reference can have Controller set to true. Found "true" in references for ${controllers
          .map((r) => `${r.kind}/${r.name}`)
          .join(" and ")}`,
      ),
    );
  }
  return errs;
}
