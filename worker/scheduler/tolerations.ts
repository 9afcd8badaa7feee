// Taints and tolerations (core/v1 helper ToleratesTaint): an empty key with
// Exists tolerates everything; an empty effect matches every effect.
import type { Taint, Toleration } from "./types.ts";

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === "Exists") return true;
  if (!t.key) return false; // an empty key is only valid with Exists
  return (t.value ?? "") === (taint.value ?? "");
}

export function toleratesTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (tolerates(t, taint)) return true;
  return false;
}

/** The first NoSchedule/NoExecute taint the pod does not tolerate. */
export function firstUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const taint of taints) {
    if (taint.effect !== "NoSchedule" && taint.effect !== "NoExecute") continue;
    if (!toleratesTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

export function countIntolerablePreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  let n = 0;
  for (const taint of taints) {
    if (taint.effect !== "PreferNoSchedule") continue;
    // Only tolerations with an empty or PreferNoSchedule effect count, as in the TaintToleration score.
    if (!tolerations.some((t) => (!t.effect || t.effect === "PreferNoSchedule") && tolerates(t, taint))) n++;
  }
  return n;
}
