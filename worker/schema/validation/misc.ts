// ServiceAccounts, Endpoints, Events and Leases.
import type { Endpoints } from "../endpoints.ts";
import type { Event } from "../event.ts";
import type { Lease } from "../lease.ts";
import type { ServiceAccount } from "../serviceaccount.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, index, invalidEach, nonNegative } from "./field.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors, isIP, portNumErrors } from "../../apimachinery/name-validation.ts";
import { validateObjectMeta } from "./meta.ts";

export function validateServiceAccount(sa: ServiceAccount): FieldError[] {
  return validateObjectMeta(sa.metadata, { namespaced: true, nameCheck: dns1123SubdomainErrors });
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, { namespaced: true, nameCheck: dns1123SubdomainErrors });
  (ep.subsets ?? []).forEach((subset, i) => {
    const p = index("subsets", i);
    for (const f of ["addresses", "notReadyAddresses"] as const) {
      (subset[f] ?? []).forEach((a, j) => {
        const ap = index(child(p, f), j);
        if (!isIP(a.ip)) errs.push(fieldErrors.invalid(child(ap, "ip"), a.ip, "must be a valid IP address"));
        if (a.hostname) errs.push(...invalidEach(child(ap, "hostname"), a.hostname, dns1123LabelErrors(a.hostname)));
        if (a.nodeName) errs.push(...invalidEach(child(ap, "nodeName"), a.nodeName, dns1123SubdomainErrors(a.nodeName)));
      });
    }
    const ports = subset.ports ?? [];
    ports.forEach((port, j) => {
      const pp = index(child(p, "ports"), j);
      if (ports.length > 1 && !port.name) errs.push(fieldErrors.required(child(pp, "name")));
      if (port.name) errs.push(...invalidEach(child(pp, "name"), port.name, dns1123LabelErrors(port.name)));
      errs.push(...invalidEach(child(pp, "port"), port.port, portNumErrors(port.port)));
    });
  });
  return errs;
}

export function validateEvent(ev: Event): FieldError[] {
  const errs = validateObjectMeta(ev.metadata, { namespaced: true, nameCheck: dns1123SubdomainErrors });
  const namespace = ev.metadata.namespace ?? "";
  const involved = ev.involvedObject.namespace ?? "";
  // Events about cluster-scoped objects live in "default"; others in the object's namespace.
  if (involved === "" ? namespace !== "" && namespace !== "default" : involved !== namespace) {
    errs.push(fieldErrors.invalid("involvedObject.namespace", involved, "does not match event.namespace"));
  }
  errs.push(...nonNegative("count", ev.count));
  return errs;
}

export function validateLease(lease: Lease): FieldError[] {
  const errs = validateObjectMeta(lease.metadata, { namespaced: true, nameCheck: dns1123SubdomainErrors });
  const spec = lease.spec ?? {};
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(fieldErrors.invalid("spec.leaseDurationSeconds", spec.leaseDurationSeconds, "must be greater than 0"));
  }
  errs.push(...nonNegative("spec.leaseTransitions", spec.leaseTransitions));
  return errs;
}
