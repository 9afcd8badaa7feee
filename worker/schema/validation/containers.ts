// validateContainers/validateInitContainers of Kubernetes' ValidatePodSpec.
import type { ContainerValue } from "../container.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, index, invalidEach } from "./field.ts";
import { dns1123LabelErrors, portNameErrors, portNumErrors } from "../../apimachinery/name-validation.ts";
import { validateEnv, validateEnvFrom } from "./env.ts";
import { validateLifecycleHandler, validateProbe } from "./probes.ts";
import { validateResourceRequirements } from "./resources.ts";
import { validateLocalPath } from "./volumes.ts";

export interface ContainerContext {
  volumes: Set<string>;
  /** Container names across init and regular containers, for duplicates. */
  names: Set<string>;
  /** hostPort/protocol/hostIP already taken by an earlier container. */
  hostPorts: Set<string>;
  hostNetwork: boolean;
}

function validatePorts(ports: ContainerValue["ports"], path: string, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = index(path, i);
    if (port.name) {
      errs.push(...invalidEach(child(p, "name"), port.name, portNameErrors(port.name)));
      if (names.has(port.name)) errs.push(fieldErrors.duplicate(child(p, "name"), port.name));
      names.add(port.name);
    }
    if (port.containerPort === 0) errs.push(fieldErrors.required(child(p, "containerPort")));
    else errs.push(...invalidEach(child(p, "containerPort"), port.containerPort, portNumErrors(port.containerPort)));
    if (port.hostPort) {
      errs.push(...invalidEach(child(p, "hostPort"), port.hostPort, portNumErrors(port.hostPort)));
      const k = `${port.hostPort}/${port.protocol ?? "TCP"}`;
      const taken = `${k}/${port.hostIP ?? ""}`;
      if (ctx.hostPorts.has(taken)) errs.push(fieldErrors.duplicate(child(p, "hostPort"), k));
      ctx.hostPorts.add(taken);
    }
    if (ctx.hostNetwork && port.hostPort !== undefined && port.hostPort !== port.containerPort) {
      errs.push(fieldErrors.invalid(child(p, "containerPort"), port.containerPort, "must match `hostPort` when `hostNetwork` is true"));
    }
  });
  return errs;
}

function validateMounts(mounts: ContainerValue["volumeMounts"], path: string, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = index(path, i);
    if (!m.name) errs.push(fieldErrors.required(child(p, "name")));
    else if (!ctx.volumes.has(m.name)) errs.push(fieldErrors.notFound(child(p, "name"), m.name));
    if (!m.mountPath) errs.push(fieldErrors.required(child(p, "mountPath")));
    else {
      if (paths.has(m.mountPath)) errs.push(fieldErrors.invalid(child(p, "mountPath"), m.mountPath, "must be unique"));
      paths.add(m.mountPath);
    }
    if (m.subPath) errs.push(...validateLocalPath(m.subPath, child(p, "subPath")));
    if (m.subPath && m.subPathExpr) {
      errs.push(fieldErrors.invalid(child(p, "subPathExpr"), m.subPathExpr, "subPathExpr and subPath are mutually exclusive"));
    }
  });
  return errs;
}

function validateCommon(c: ContainerValue, path: string, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const np = child(path, "name");
  if (!c.name) errs.push(fieldErrors.required(np));
  else {
    errs.push(...invalidEach(np, c.name, dns1123LabelErrors(c.name)));
    if (ctx.names.has(c.name)) errs.push(fieldErrors.duplicate(np, c.name));
    ctx.names.add(c.name);
  }
  const ip = child(path, "image");
  if (!c.image) errs.push(fieldErrors.required(ip));
  else if (c.image.trim() !== c.image) errs.push(fieldErrors.invalid(ip, c.image, "must not have leading or trailing whitespace"));
  errs.push(...validatePorts(c.ports, child(path, "ports"), ctx));
  errs.push(...validateEnv(c.env, child(path, "env")));
  errs.push(...validateEnvFrom(c.envFrom, child(path, "envFrom")));
  errs.push(...validateMounts(c.volumeMounts, child(path, "volumeMounts"), ctx));
  errs.push(...validateResourceRequirements(c.resources, child(path, "resources")));
  return errs;
}

function validateProbes(c: ContainerValue, path: string): FieldError[] {
  return [
    ...validateProbe(c.livenessProbe, child(path, "livenessProbe"), true),
    ...validateProbe(c.readinessProbe, child(path, "readinessProbe"), false),
    ...validateProbe(c.startupProbe, child(path, "startupProbe"), true),
    ...validateLifecycleHandler(c.lifecycle?.postStart, child(child(path, "lifecycle"), "postStart")),
    ...validateLifecycleHandler(c.lifecycle?.preStop, child(child(path, "lifecycle"), "preStop")),
  ];
}

export function validateContainers(containers: ContainerValue[], path: string, ctx: ContainerContext): FieldError[] {
  if (containers.length === 0) return [fieldErrors.required(path)];
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateCommon(c, p, ctx));
    errs.push(...validateProbes(c, p));
    if (c.restartPolicy !== undefined) errs.push(fieldErrors.forbidden(child(p, "restartPolicy"), "may not be set for non-init containers"));
  });
  return errs;
}

/** Init containers run to completion unless they are sidecars (restartPolicy: Always). */
export function validateInitContainers(containers: ContainerValue[], path: string, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateCommon(c, p, ctx));
    if (c.restartPolicy === "Always") {
      errs.push(...validateProbes(c, p));
      return;
    }
    const forbidden = "may not be set for init containers without restartPolicy=Always";
    if (c.lifecycle) errs.push(fieldErrors.forbidden(child(p, "lifecycle"), forbidden));
    if (c.livenessProbe) errs.push(fieldErrors.forbidden(child(p, "livenessProbe"), forbidden));
    if (c.readinessProbe) errs.push(fieldErrors.forbidden(child(p, "readinessProbe"), forbidden));
    if (c.startupProbe) errs.push(fieldErrors.forbidden(child(p, "startupProbe"), forbidden));
  });
  return errs;
}
