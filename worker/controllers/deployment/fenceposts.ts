// maxSurge and maxUnavailable as pod counts (deploymentutil.ResolveFenceposts):
// a percentage of the desired replicas, surge rounded up, unavailable down.
import type { KubeObject } from "../../apimachinery/object.ts";
import { deploymentSpec, desiredReplicas, isRollingUpdate } from "./types.ts";

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const percent = Number.parseInt(value.replace(/%$/, ""), 10);
  if (Number.isNaN(percent)) return 0;
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export interface Fenceposts {
  surge: number;
  unavailable: number;
}

export function resolveFenceposts(d: KubeObject): Fenceposts {
  const ru = deploymentSpec(d).strategy?.rollingUpdate ?? {};
  const desired = desiredReplicas(d);
  const surge = scaledValue(ru.maxSurge ?? "25%", desired, true);
  const unavailable = scaledValue(ru.maxUnavailable ?? "25%", desired, false);
  // Validation forbids both being 0, but rounding down can still get there; then one pod at a time may go.
  if (surge === 0 && unavailable === 0) return { surge, unavailable: 1 };
  return { surge, unavailable };
}

export function maxSurge(d: KubeObject): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: KubeObject): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, desired);
}
