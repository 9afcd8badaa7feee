// Pod status writes (the node agent and scheduler): IPs, names, counters.
import type { Pod } from "../pod.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, index, invalidEach, nonNegative } from "./field.ts";
import { dns1123SubdomainErrors, isIP } from "../../apimachinery/name-validation.ts";

export function validatePodStatus(pod: Pod): FieldError[] {
  const status = pod.status;
  if (!status) return [];
  const errs: FieldError[] = [];
  if (status.nominatedNodeName) {
    errs.push(...invalidEach("status.nominatedNodeName", status.nominatedNodeName, dns1123SubdomainErrors(status.nominatedNodeName)));
  }
  for (const f of ["podIP", "hostIP"] as const) {
    const ip = status[f];
    if (ip && !isIP(ip)) errs.push(fieldErrors.invalid(`status.${f}`, ip, "must be a valid IP address"));
  }
  for (const f of ["podIPs", "hostIPs"] as const) {
    (status[f] ?? []).forEach((entry, i) => {
      if (!isIP(entry.ip)) errs.push(fieldErrors.invalid(child(index(`status.${f}`, i), "ip"), entry.ip, "must be a valid IP address"));
    });
  }
  for (const f of ["initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"] as const) {
    (status[f] ?? []).forEach((cs, i) => {
      errs.push(...nonNegative(child(index(`status.${f}`, i), "restartCount"), cs.restartCount));
    });
  }
  return errs;
}
