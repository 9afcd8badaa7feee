// Container env and envFrom, and the downward API selectors they share with volumes.
import type { ContainerValue } from "../container.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, index, invalidEach } from "./field.ts";
import { configMapKeyErrors, envVarNameErrors, qualifiedNameErrors } from "../../apimachinery/name-validation.ts";

const ENV_FIELD_PATHS = [
  "metadata.annotations",
  "metadata.labels",
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
];
const VOLUME_FIELD_PATHS = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];
const RESOURCE_FIELDS = ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"];

export function validateDownwardFieldRef(ref: { apiVersion?: string; fieldPath: string }, path: string, forEnv: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref.apiVersion) errs.push(fieldErrors.required(child(path, "apiVersion")));
  const fp = child(path, "fieldPath");
  if (!ref.fieldPath) return [...errs, fieldErrors.required(fp)];
  // metadata.labels['key'] selects one label; only in env (volumes take the whole map).
  const subscript = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(ref.fieldPath);
  if (subscript && forEnv) {
    return [...errs, ...invalidEach(fp, subscript[2], qualifiedNameErrors(subscript[2]))];
  }
  const supported = forEnv ? ENV_FIELD_PATHS : VOLUME_FIELD_PATHS;
  if (!supported.includes(ref.fieldPath)) errs.push(fieldErrors.notSupported(fp, ref.fieldPath, supported));
  return errs;
}

export function validateResourceFieldRef(ref: { resource: string }, path: string): FieldError[] {
  const rp = child(path, "resource");
  if (!ref.resource) return [fieldErrors.required(rp)];
  return RESOURCE_FIELDS.includes(ref.resource) ? [] : [fieldErrors.notSupported(rp, ref.resource, RESOURCE_FIELDS)];
}

function validateKeyRef(ref: { name?: string; key: string }, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref.name) errs.push(fieldErrors.required(child(path, "name")));
  if (!ref.key) errs.push(fieldErrors.required(child(path, "key")));
  else errs.push(...invalidEach(child(path, "key"), ref.key, configMapKeyErrors(ref.key)));
  return errs;
}

export function validateEnv(env: ContainerValue["env"], path: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = index(path, i);
    if (!ev.name) errs.push(fieldErrors.required(child(p, "name")));
    else errs.push(...invalidEach(child(p, "name"), ev.name, envVarNameErrors(ev.name)));
    const from = ev.valueFrom;
    if (!from) return;
    const vp = child(p, "valueFrom");
    let count = 0;
    if (from.fieldRef) {
      count++;
      errs.push(...validateDownwardFieldRef(from.fieldRef, child(vp, "fieldRef"), true));
    }
    if (from.resourceFieldRef) {
      count++;
      errs.push(...validateResourceFieldRef(from.resourceFieldRef, child(vp, "resourceFieldRef")));
    }
    if (from.configMapKeyRef) {
      count++;
      errs.push(...validateKeyRef(from.configMapKeyRef, child(vp, "configMapKeyRef")));
    }
    if (from.secretKeyRef) {
      count++;
      errs.push(...validateKeyRef(from.secretKeyRef, child(vp, "secretKeyRef")));
    }
    if (count === 0) {
      errs.push(fieldErrors.invalid(vp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    } else if (count > 1) {
      errs.push(fieldErrors.invalid(vp, "", "may not have more than one field specified at a time"));
    }
    if (ev.value && count > 0) errs.push(fieldErrors.invalid(vp, "", "may not be specified when `value` is not empty"));
  });
  return errs;
}

export function validateEnvFrom(envFrom: ContainerValue["envFrom"], path: string): FieldError[] {
  const errs: FieldError[] = [];
  (envFrom ?? []).forEach((source, i) => {
    const p = index(path, i);
    if (source.prefix) errs.push(...invalidEach(child(p, "prefix"), source.prefix, envVarNameErrors(source.prefix)));
    const refs = [
      ["configMapRef", source.configMapRef],
      ["secretRef", source.secretRef],
    ] as const;
    const set = refs.filter(([, ref]) => ref !== undefined);
    if (set.length === 0) errs.push(fieldErrors.invalid(p, "", "must specify one of: `configMapRef` or `secretRef`"));
    if (set.length > 1) errs.push(fieldErrors.invalid(p, "", "may not have more than one field specified at a time"));
    for (const [name, ref] of set) {
      if (!ref?.name) errs.push(fieldErrors.required(child(child(p, name), "name")));
    }
  });
  return errs;
}
