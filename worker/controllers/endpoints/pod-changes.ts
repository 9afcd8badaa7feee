// Whether a pod change can alter any Endpoints: only the fields an endpoint
// address is made of, or that decide whether the pod is listed, count.
import { deepEqual } from "../../apimachinery/json-value.ts";
import type { Pod } from "../../schema/kinds.ts";
import { isPodReady } from "./pod-address.ts";

function phaseTerminal(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

export function hasPodIP(pod: Pod | undefined): boolean {
  return Boolean(pod?.status?.podIP || pod?.status?.podIPs?.length);
}

export function endpointFieldsChanged(before: Pod, after: Pod): boolean {
  return (
    !deepEqual(before.metadata.labels ?? {}, after.metadata.labels ?? {}) ||
    (before.metadata.deletionTimestamp === undefined) !== (after.metadata.deletionTimestamp === undefined) ||
    before.status?.podIP !== after.status?.podIP ||
    !deepEqual(before.status?.podIPs ?? [], after.status?.podIPs ?? []) ||
    isPodReady(before) !== isPodReady(after) ||
    phaseTerminal(before) !== phaseTerminal(after) ||
    before.spec?.nodeName !== after.spec?.nodeName ||
    before.spec?.hostname !== after.spec?.hostname ||
    before.spec?.subdomain !== after.spec?.subdomain
  );
}
