// NoExecute taint eviction (the taint-eviction controller): a pod that does
// not tolerate every NoExecute taint of its node goes now; one that tolerates
// them for a limited time goes when the shortest of those times has passed.
// Kubernetes counts from when its in-memory queue first saw the pod under the
// taint; kept level-triggered here, the clock starts at the later of the
// taint's timeAdded and the pod's binding.
import type { Pod, Taint, Toleration } from "../../schema/kinds.ts";
import { tolerates } from "../../scheduler/tolerations.ts";

function parseTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The first toleration matching each taint (GetMatchingTolerations), or undefined if one is untolerated. */
function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => tolerates(t, taint));
    if (!match) return undefined;
    used.push(match);
  }
  return used;
}

/** Seconds the pod may stay (0: none), or undefined when it may stay for ever. */
function minTolerationSeconds(used: readonly Toleration[]): number | undefined {
  let min: number | undefined;
  for (const t of used) {
    if (t.tolerationSeconds === undefined) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = min === undefined ? t.tolerationSeconds : Math.min(min, t.tolerationSeconds);
  }
  return min;
}

function boundAt(pod: Pod): number | undefined {
  const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "True");
  return parseTime(scheduled?.lastTransitionTime) ?? parseTime(pod.metadata.creationTimestamp);
}

/** When the pod must be evicted (ms; at or before `nowMs` means now), or undefined if never. */
export function evictionTime(pod: Pod, taints: readonly Taint[], nowMs: number): number | undefined {
  if (taints.length === 0) return undefined;
  const used = matchingTolerations(taints, pod.spec?.tolerations ?? []);
  if (!used) return nowMs;
  const seconds = minTolerationSeconds(used);
  if (seconds === undefined) return undefined;
  const added = taints.map((t) => parseTime(t.timeAdded)).filter((t): t is number => t !== undefined);
  const start = Math.max(added.length ? Math.min(...added) : 0, boundAt(pod) ?? 0);
  return start + seconds * 1000;
}
