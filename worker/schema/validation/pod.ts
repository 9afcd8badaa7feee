// ValidatePod / ValidatePodSpec / ValidatePodTemplateSpec.
import type { Pod, PodSpecValue, PodTemplateSpecValue } from "../pod.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, goStringSlice, index, invalidEach, nonNegative } from "./field.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors, isIP, qualifiedNameErrors } from "../../apimachinery/name-validation.ts";
import { validateAnnotations, validateLabels } from "./labels.ts";
import { validateObjectMeta } from "./meta.ts";
import { validateContainers, validateInitContainers } from "./containers.ts";
import type { ContainerContext } from "./containers.ts";
import { validateVolumes } from "./volumes.ts";
import { validateAffinity, validateTolerations, validateTopologySpread } from "./scheduling.ts";
import { validateResourceList } from "./resources.ts";

const MAX_INT32 = 2147483647;

function validateDNS(spec: PodSpecValue, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const config = spec.dnsConfig;
  if (spec.dnsPolicy === "None" && !config) {
    errs.push(fieldErrors.required(child(path, "dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"));
  }
  if (!config) return errs;
  const cp = child(path, "dnsConfig");
  const nameservers = config.nameservers ?? [];
  if (nameservers.length > 3) {
    errs.push(fieldErrors.invalid(child(cp, "nameservers"), goStringSlice(nameservers), "must not have more than 3 nameservers"));
  }
  nameservers.forEach((ns, i) => {
    if (!isIP(ns)) errs.push(fieldErrors.invalid(index(child(cp, "nameservers"), i), ns, "must be valid IP address"));
  });
  if (spec.dnsPolicy === "None" && nameservers.length === 0) {
    errs.push(fieldErrors.required(child(cp, "nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"));
  }
  const searches = config.searches ?? [];
  if (searches.length > 32) {
    errs.push(fieldErrors.invalid(child(cp, "searches"), goStringSlice(searches), "must not have more than 32 search paths"));
  }
  searches.forEach((s, i) => {
    const domain = s.endsWith(".") ? s.slice(0, -1) : s;
    errs.push(...invalidEach(index(child(cp, "searches"), i), s, dns1123SubdomainErrors(domain)));
  });
  return errs;
}

function validateSecurityIds(ctx: { runAsUser?: number; runAsGroup?: number; fsGroup?: number } | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ["runAsUser", "runAsGroup", "fsGroup"] as const) {
    const v = ctx?.[f];
    if (v !== undefined && (v < 0 || v > MAX_INT32)) {
      errs.push(fieldErrors.invalid(child(path, f), v, `must be between 0 and ${MAX_INT32}, inclusive`));
    }
  }
  return errs;
}

export function validatePodSpec(spec: PodSpecValue | undefined, path: string): FieldError[] {
  if (!spec) return [fieldErrors.required(child(path, "containers"))];
  const errs: FieldError[] = [];
  const volumes = validateVolumes(spec.volumes, child(path, "volumes"));
  errs.push(...volumes.errors);
  const ctx: ContainerContext = { volumes: volumes.names, names: new Set(), hostPorts: new Set(), hostNetwork: spec.hostNetwork ?? false };
  errs.push(...validateInitContainers(spec.initContainers ?? [], child(path, "initContainers"), ctx));
  errs.push(...validateContainers(spec.containers, child(path, "containers"), ctx));
  errs.push(...validateDNS(spec, path));
  errs.push(...validateLabels(spec.nodeSelector, child(path, "nodeSelector")));
  for (const f of ["serviceAccountName", "nodeName"] as const) {
    const v = spec[f];
    if (v) errs.push(...invalidEach(child(path, f), v, dns1123SubdomainErrors(v)));
  }
  for (const f of ["hostname", "subdomain"] as const) {
    const v = spec[f];
    if (v) errs.push(...invalidEach(child(path, f), v, dns1123LabelErrors(v)));
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(fieldErrors.invalid(child(path, "activeDeadlineSeconds"), deadline, `must be between 1 and ${MAX_INT32}, inclusive`));
  }
  errs.push(...nonNegative(child(path, "terminationGracePeriodSeconds"), spec.terminationGracePeriodSeconds));
  errs.push(...validateTolerations(spec.tolerations, child(path, "tolerations")));
  errs.push(...validateAffinity(spec.affinity, child(path, "affinity")));
  errs.push(...validateTopologySpread(spec.topologySpreadConstraints, child(path, "topologySpreadConstraints")));
  errs.push(...validateSecurityIds(spec.securityContext, child(path, "securityContext")));
  [...(spec.initContainers ?? []), ...spec.containers].forEach((c, i, all) => {
    const isInit = i < all.length - spec.containers.length;
    const at = isInit ? i : i - (all.length - spec.containers.length);
    errs.push(...validateSecurityIds(c.securityContext, child(index(child(path, isInit ? "initContainers" : "containers"), at), "securityContext")));
  });
  (spec.readinessGates ?? []).forEach((g, i) => {
    const p = child(index(child(path, "readinessGates"), i), "conditionType");
    errs.push(...invalidEach(p, g.conditionType, qualifiedNameErrors(g.conditionType)));
  });
  (spec.hostAliases ?? []).forEach((a, i) => {
    const p = index(child(path, "hostAliases"), i);
    if (!isIP(a.ip)) errs.push(fieldErrors.invalid(child(p, "ip"), a.ip, "must be valid IP address"));
    (a.hostnames ?? []).forEach((h, j) => errs.push(...invalidEach(index(child(p, "hostnames"), j), h, dns1123SubdomainErrors(h))));
  });
  (spec.imagePullSecrets ?? []).forEach((s, i) => {
    if (!s.name) errs.push(fieldErrors.required(child(index(child(path, "imagePullSecrets"), i), "name")));
  });
  if (spec.priorityClassName) {
    errs.push(...invalidEach(child(path, "priorityClassName"), spec.priorityClassName, dns1123SubdomainErrors(spec.priorityClassName)));
  }
  errs.push(...validateResourceList(spec.overhead, child(path, "overhead")));
  return errs;
}

export function validatePod(pod: Pod): FieldError[] {
  return [
    ...validateObjectMeta(pod.metadata, { namespaced: true, nameCheck: dns1123SubdomainErrors }),
    ...validatePodSpec(pod.spec, "spec"),
  ];
}

/** A workload's pod template: labels/annotations, the spec, and the template-only rules. */
export function validatePodTemplate(template: PodTemplateSpecValue | undefined, path: string, owner: string): FieldError[] {
  if (!template) return [fieldErrors.required(path)];
  const meta = child(path, "metadata");
  const errs = [
    ...validateLabels(template.metadata?.labels, child(meta, "labels")),
    ...validateAnnotations(template.metadata?.annotations, child(meta, "annotations")),
  ];
  const specPath = child(path, "spec");
  errs.push(...validatePodSpec(template.spec, specPath));
  const restart = template.spec?.restartPolicy;
  if (restart !== undefined && restart !== "Always") {
    errs.push(fieldErrors.notSupported(child(specPath, "restartPolicy"), restart, ["Always"]));
  }
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(fieldErrors.forbidden(child(specPath, "activeDeadlineSeconds"), `activeDeadlineSeconds in ${owner} is not Supported`));
  }
  return errs;
}
