// ValidateService and ValidateServiceUpdate.
import type { Service, ServicePortValue } from "../service.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, index, invalidEach } from "./field.ts";
import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, isIP, portNumErrors } from "../../apimachinery/name-validation.ts";
import { validateLabels } from "./labels.ts";
import { validateObjectMeta } from "./meta.ts";
import { validatePortNumOrName } from "./probes.ts";

/** Go's `%#v` of the ServicePort key Kubernetes reports for duplicate port/protocol. */
function goServicePortKey(p: ServicePortValue): { go: string } {
  return {
    go: `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? "TCP")}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  };
}

function validatePorts(svc: Service, path: string): FieldError[] {
  const spec = svc.spec ?? {};
  const ports = spec.ports ?? [];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const keys = new Set<string>();
  const type = spec.type ?? "ClusterIP";
  ports.forEach((port, i) => {
    const p = index(path, i);
    if (ports.length > 1 && !port.name) errs.push(fieldErrors.required(child(p, "name")));
    if (port.name) {
      errs.push(...invalidEach(child(p, "name"), port.name, dns1123LabelErrors(port.name)));
      if (names.has(port.name)) errs.push(fieldErrors.duplicate(child(p, "name"), port.name));
      names.add(port.name);
    }
    errs.push(...invalidEach(child(p, "port"), port.port, portNumErrors(port.port)));
    if (port.targetPort !== undefined && port.targetPort !== 0) errs.push(...validatePortNumOrName(port.targetPort, child(p, "targetPort")));
    if (port.nodePort) {
      if (type === "ClusterIP" || type === "ExternalName") {
        errs.push(fieldErrors.forbidden(child(p, "nodePort"), `may not be used when \`type\` is '${type}'`));
      } else {
        errs.push(...invalidEach(child(p, "nodePort"), port.nodePort, portNumErrors(port.nodePort)));
      }
    }
    const k = `${port.port}/${port.protocol ?? "TCP"}`;
    if (keys.has(k)) errs.push(fieldErrors.duplicate(p, goServicePortKey(port)));
    keys.add(k);
  });
  return errs;
}

export function validateService(svc: Service): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, { namespaced: true, nameCheck: dns1035LabelErrors });
  const spec = svc.spec ?? {};
  const type = spec.type ?? "ClusterIP";
  const headless = spec.clusterIP === "None";
  if (type === "ExternalName") {
    if (!spec.externalName) errs.push(fieldErrors.required("spec.externalName"));
    else {
      const name = spec.externalName.endsWith(".") ? spec.externalName.slice(0, -1) : spec.externalName;
      errs.push(...invalidEach("spec.externalName", spec.externalName, dns1123SubdomainErrors(name)));
    }
  } else if ((spec.ports ?? []).length === 0 && !headless) {
    errs.push(fieldErrors.required("spec.ports"));
  }
  errs.push(...validatePorts(svc, "spec.ports"));
  errs.push(...validateLabels(spec.selector, "spec.selector"));
  (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).forEach((ip, i) => {
    if (ip !== "None" && !isIP(ip)) {
      errs.push(fieldErrors.invalid(index("spec.clusterIPs", i), ip, "must be empty, 'None', or a valid IP address"));
    }
  });
  if (spec.clusterIP && spec.clusterIPs && spec.clusterIPs.length > 0 && spec.clusterIPs[0] !== spec.clusterIP) {
    errs.push(fieldErrors.invalid("spec.clusterIPs", { go: `[]string{${spec.clusterIPs.map((s) => JSON.stringify(s)).join(", ")}}` }, "first value must match `clusterIP`"));
  }
  (spec.externalIPs ?? []).forEach((ip, i) => {
    if (!isIP(ip)) errs.push(fieldErrors.invalid(index("spec.externalIPs", i), ip, "must be a valid IP address"));
  });
  if (spec.externalTrafficPolicy && type !== "NodePort" && type !== "LoadBalancer") {
    errs.push(
      fieldErrors.invalid("spec.externalTrafficPolicy", spec.externalTrafficPolicy, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"),
    );
  }
  if (spec.sessionAffinity === "ClientIP") {
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (timeout !== undefined && (timeout <= 0 || timeout > 86400)) {
      errs.push(fieldErrors.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout, "must be greater than 0 and less than 86400"));
    }
  }
  return errs;
}

export function validateServiceUpdate(next: Service, prev: Service): FieldError[] {
  const a = next.spec ?? {};
  const b = prev.spec ?? {};
  const converting = a.type === "ExternalName" || b.type === "ExternalName";
  if (!converting && b.clusterIP && a.clusterIP !== b.clusterIP) {
    return [fieldErrors.invalid("spec.clusterIP", a.clusterIP ?? "", "field is immutable")];
  }
  return [];
}
