// Pod volumes: names, exactly one source, and each common source's fields.
import type { VolumeValue } from "../volume.ts";
import { VOLUME_SOURCE_NAMES } from "../volume.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, index, invalidEach } from "./field.ts";
import { configMapKeyErrors, dns1123LabelErrors, dns1123SubdomainErrors } from "../../apimachinery/name-validation.ts";
import { validateResourceQuantity } from "./resources.ts";
import { validateDownwardFieldRef, validateResourceFieldRef } from "./env.ts";

const MAX_MODE = 0o777;

function validateMode(mode: number | undefined, path: string): FieldError[] {
  return mode !== undefined && (mode < 0 || mode > MAX_MODE)
    ? [fieldErrors.invalid(path, mode, "must be a number between 0 and 0777 (octal), both inclusive")]
    : [];
}

/** A path relative to the volume root that cannot escape it. */
export function validateLocalPath(path: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (path.startsWith("/")) errs.push(fieldErrors.invalid(field, path, "must be a relative path"));
  if (path.split("/").includes("..")) errs.push(fieldErrors.invalid(field, path, "must not contain '..'"));
  return errs;
}

function validateNonReservedPath(path: string, field: string): FieldError[] {
  const errs = validateLocalPath(path, field);
  if (path.startsWith("..")) errs.push(fieldErrors.invalid(field, path, "must not start with '..'"));
  return errs;
}

function validateItems(items: { key: string; path: string; mode?: number }[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (items ?? []).forEach((item, i) => {
    const p = index(path, i);
    if (!item.key) errs.push(fieldErrors.required(child(p, "key")));
    else errs.push(...invalidEach(child(p, "key"), item.key, configMapKeyErrors(item.key)));
    if (!item.path) errs.push(fieldErrors.required(child(p, "path")));
    else errs.push(...validateNonReservedPath(item.path, child(p, "path")));
    errs.push(...validateMode(item.mode, child(p, "mode")));
  });
  return errs;
}

type DownwardFile = NonNullable<NonNullable<VolumeValue["downwardAPI"]>["items"]>[number];

function validateDownwardFiles(files: DownwardFile[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (files ?? []).forEach((file, i) => {
    const p = index(path, i);
    if (!file.path) errs.push(fieldErrors.required(child(p, "path")));
    else errs.push(...validateNonReservedPath(file.path, child(p, "path")));
    errs.push(...validateMode(file.mode, child(p, "mode")));
    if (file.fieldRef && file.resourceFieldRef) {
      errs.push(fieldErrors.invalid(p, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
    } else if (file.fieldRef) {
      errs.push(...validateDownwardFieldRef(file.fieldRef, child(p, "fieldRef"), false));
    } else if (file.resourceFieldRef) {
      errs.push(...validateResourceFieldRef(file.resourceFieldRef, child(p, "resourceFieldRef")));
    } else {
      errs.push(fieldErrors.required(p, "one of fieldRef and resourceFieldRef is required"));
    }
  });
  return errs;
}

function validateSource(v: VolumeValue, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (v.emptyDir?.sizeLimit !== undefined) {
    errs.push(...validateResourceQuantity(v.emptyDir.sizeLimit, child(child(path, "emptyDir"), "sizeLimit")));
  }
  if (v.hostPath && !v.hostPath.path) errs.push(fieldErrors.required(child(child(path, "hostPath"), "path")));
  if (v.configMap) {
    const p = child(path, "configMap");
    if (!v.configMap.name) errs.push(fieldErrors.required(child(p, "name")));
    errs.push(...validateMode(v.configMap.defaultMode, child(p, "defaultMode")), ...validateItems(v.configMap.items, child(p, "items")));
  }
  if (v.secret) {
    const p = child(path, "secret");
    if (!v.secret.secretName) errs.push(fieldErrors.required(child(p, "secretName")));
    errs.push(...validateMode(v.secret.defaultMode, child(p, "defaultMode")), ...validateItems(v.secret.items, child(p, "items")));
  }
  if (v.downwardAPI) {
    const p = child(path, "downwardAPI");
    errs.push(...validateMode(v.downwardAPI.defaultMode, child(p, "defaultMode")), ...validateDownwardFiles(v.downwardAPI.items, child(p, "items")));
  }
  if (v.projected) {
    const p = child(path, "projected");
    errs.push(...validateMode(v.projected.defaultMode, child(p, "defaultMode")));
    (v.projected.sources ?? []).forEach((source, i) => {
      const sp = index(child(p, "sources"), i);
      const set = Object.entries(source).filter(([, value]) => value !== undefined);
      if (set.length === 0) errs.push(fieldErrors.required(sp, "must specify exactly 1 of: secret, configMap, downwardAPI, serviceAccountToken"));
      if (set.length > 1) errs.push(fieldErrors.forbidden(child(sp, set[1][0]), "may not specify more than 1 volume type per source"));
      if (source.secret) errs.push(...validateItems(source.secret.items, child(child(sp, "secret"), "items")));
      if (source.configMap) errs.push(...validateItems(source.configMap.items, child(child(sp, "configMap"), "items")));
      if (source.downwardAPI) errs.push(...validateDownwardFiles(source.downwardAPI.items, child(child(sp, "downwardAPI"), "items")));
      const token = source.serviceAccountToken;
      if (token) {
        const tp = child(sp, "serviceAccountToken");
        if (!token.path) errs.push(fieldErrors.required(child(tp, "path")));
        else errs.push(...validateLocalPath(token.path, child(tp, "path")));
        if (token.expirationSeconds !== undefined && token.expirationSeconds < 600) {
          errs.push(fieldErrors.invalid(child(tp, "expirationSeconds"), token.expirationSeconds, "may not specify a duration less than 10 minutes"));
        }
      }
    });
  }
  if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) {
    errs.push(fieldErrors.required(child(child(path, "persistentVolumeClaim"), "claimName")));
  }
  if (v.nfs) {
    const p = child(path, "nfs");
    if (!v.nfs.server) errs.push(fieldErrors.required(child(p, "server")));
    if (!v.nfs.path) errs.push(fieldErrors.required(child(p, "path")));
  }
  if (v.csi) {
    const p = child(path, "csi");
    if (!v.csi.driver) errs.push(fieldErrors.required(child(p, "driver")));
    else errs.push(...invalidEach(child(p, "driver"), v.csi.driver, dns1123SubdomainErrors(v.csi.driver.toLowerCase())));
  }
  return errs;
}

/** Validates spec.volumes and returns the declared names for volumeMount checks. */
export function validateVolumes(volumes: VolumeValue[] | undefined, path: string): { errors: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const p = index(path, i);
    if (!v.name) errs.push(fieldErrors.required(child(p, "name")));
    else {
      errs.push(...invalidEach(child(p, "name"), v.name, dns1123LabelErrors(v.name)));
      if (names.has(v.name)) errs.push(fieldErrors.duplicate(child(p, "name"), v.name));
      names.add(v.name);
    }
    const sources = VOLUME_SOURCE_NAMES.filter((s) => v[s] !== undefined);
    if (sources.length === 0) errs.push(fieldErrors.required(p, "must specify a volume type"));
    else if (sources.length > 1) errs.push(fieldErrors.forbidden(child(p, sources[1]), "may not specify more than 1 volume type"));
    errs.push(...validateSource(v, p));
  });
  return { errors: errs, names };
}
