// ConfigMap and Secret: key syntax, sizes, base64, secret types, immutability.
import type { ConfigMap } from "../configmap.ts";
import type { Secret } from "../secret.ts";
import { base64DecodedLength } from "../base64.ts";
import type { FieldError } from "./field.ts";
import { fieldErrors, invalidEach, key } from "./field.ts";
import { configMapKeyErrors, dns1123SubdomainErrors } from "../../apimachinery/name-validation.ts";
import { validateObjectMeta } from "./meta.ts";
import { deepEqual } from "./equal.ts";

export const MAX_DATA_SIZE = 1024 * 1024;
const REDACTED = { go: "\"<secret contents redacted>\"" };

function validateKeys(data: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(data ?? {})) errs.push(...invalidEach(key(path, k), k, configMapKeyErrors(k)));
  return errs;
}

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, { namespaced: true, nameCheck: dns1123SubdomainErrors });
  errs.push(...validateKeys(cm.data, "data"), ...validateKeys(cm.binaryData, "binaryData"));
  let size = 0;
  for (const v of Object.values(cm.data ?? {})) size += new TextEncoder().encode(v).length;
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    const n = base64DecodedLength(v);
    if (n === undefined) errs.push(fieldErrors.invalid(key("binaryData", k), REDACTED, "must be a valid base64 string"));
    else size += n;
    if (cm.data && Object.hasOwn(cm.data, k)) errs.push(fieldErrors.invalid(key("data", k), k, "duplicate of key present in binaryData"));
  }
  if (size > MAX_DATA_SIZE) errs.push(fieldErrors.tooLong("data", MAX_DATA_SIZE));
  return errs;
}

function requireKeys(data: Record<string, string>, keys: string[]): FieldError[] {
  return keys.filter((k) => !Object.hasOwn(data, k)).map((k) => fieldErrors.required(key("data", k)));
}

function validateSecretType(s: Secret, data: Record<string, string>): FieldError[] {
  switch (s.type) {
    case "kubernetes.io/service-account-token":
      return s.metadata.annotations?.["kubernetes.io/service-account.name"]
        ? []
        : [fieldErrors.required("metadata.annotations[kubernetes.io/service-account.name]")];
    case "kubernetes.io/dockercfg":
      return requireKeys(data, [".dockercfg"]);
    case "kubernetes.io/dockerconfigjson":
      return requireKeys(data, [".dockerconfigjson"]);
    case "kubernetes.io/basic-auth":
      return Object.hasOwn(data, "username") || Object.hasOwn(data, "password") ? [] : requireKeys(data, ["username", "password"]);
    case "kubernetes.io/ssh-auth":
      return requireKeys(data, ["ssh-privatekey"]);
    case "kubernetes.io/tls":
      return requireKeys(data, ["tls.crt", "tls.key"]);
    default:
      return [];
  }
}

export function validateSecret(s: Secret): FieldError[] {
  const errs = validateObjectMeta(s.metadata, { namespaced: true, nameCheck: dns1123SubdomainErrors });
  const data = s.data ?? {};
  errs.push(...validateKeys(data, "data"));
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    const n = base64DecodedLength(v);
    if (n === undefined) errs.push(fieldErrors.invalid(key("data", k), REDACTED, "must be a valid base64 string"));
    else size += n;
  }
  if (size > MAX_DATA_SIZE) errs.push(fieldErrors.tooLong("data", MAX_DATA_SIZE));
  errs.push(...validateSecretType(s, data));
  return errs;
}

const IMMUTABLE = "field is immutable when `immutable` is set";

function validateImmutableData(
  next: { immutable?: boolean; data?: Record<string, string>; binaryData?: Record<string, string> },
  prev: { immutable?: boolean; data?: Record<string, string>; binaryData?: Record<string, string> },
): FieldError[] {
  if (!prev.immutable) return [];
  const errs: FieldError[] = [];
  if (!next.immutable) errs.push(fieldErrors.forbidden("immutable", IMMUTABLE));
  if (!deepEqual(next.data ?? {}, prev.data ?? {})) errs.push(fieldErrors.forbidden("data", IMMUTABLE));
  if (!deepEqual(next.binaryData ?? {}, prev.binaryData ?? {})) errs.push(fieldErrors.forbidden("binaryData", IMMUTABLE));
  return errs;
}

export function validateConfigMapUpdate(next: ConfigMap, prev: ConfigMap): FieldError[] {
  return validateImmutableData(next, prev);
}

export function validateSecretUpdate(next: Secret, prev: Secret): FieldError[] {
  const errs = validateImmutableData(next, prev);
  if ((next.type ?? "Opaque") !== (prev.type ?? "Opaque")) errs.push(fieldErrors.invalid("type", next.type ?? "", "field is immutable"));
  return errs;
}
