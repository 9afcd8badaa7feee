// Score plugins: each gives every feasible node a raw score, normalizes the
// set to 0-100 and is weighted as kube-scheduler's defaults weight them.
// Scores are truncated to integers as Kubernetes' int64 scores are, so that
// equal nodes tie exactly and the tie is broken at random.
import type { CycleState } from "./cycle-state.ts";
import { pair } from "./cycle-state.ts";
import type { NodeState } from "./node-state.ts";
import { countIntolerablePreferNoSchedule } from "./tolerations.ts";
import type { PodInfo } from "./types.ts";

export const MAX_NODE_SCORE = 100;

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** False when the plugin has nothing to say about this pod (every node would score the same). */
  applies(pod: PodInfo, cycle: CycleState): boolean;
  /** Fills `out` with each node's score (raw, then normalized in place to 0-100). */
  score(pod: PodInfo, nodes: readonly NodeState[], cycle: CycleState, out: Float64Array): void;
}

/** NodeResourcesFit's LeastAllocated strategy on cpu and memory, with the pod's requests included. */
export const leastAllocated: ScorePlugin = {
  name: "NodeResourcesFit",
  weight: 1,
  applies: () => true,
  score(pod, nodes, _cycle, out) {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      const cpu = leastRequested(n.nonZeroCpu + pod.nonZeroCpu, n.allocCpu);
      const memory = leastRequested(n.nonZeroMemory + pod.nonZeroMemory, n.allocMemory);
      out[i] = Math.trunc((cpu + memory) / 2);
    }
  },
};

function leastRequested(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return ((capacity - requested) * MAX_NODE_SCORE) / capacity;
}

/** NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory fill evenly. */
export const balancedAllocation: ScorePlugin = {
  name: "NodeResourcesBalancedAllocation",
  weight: 1,
  applies: () => true,
  score(pod, nodes, _cycle, out) {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      const cpu = fraction(n.nonZeroCpu + pod.nonZeroCpu, n.allocCpu);
      const memory = fraction(n.nonZeroMemory + pod.nonZeroMemory, n.allocMemory);
      // With two resources the standard deviation is half their difference.
      out[i] = Math.trunc((1 - Math.abs(cpu - memory) / 2) * MAX_NODE_SCORE);
    }
  },
};

function fraction(requested: number, capacity: number): number {
  return capacity <= 0 ? 1 : Math.min(1, requested / capacity);
}

/** Fewer pods of the same controller on the node and in its zone (SelectorSpread's formula, zones weighted 2/3). */
export const ownerSpread: ScorePlugin = {
  name: "OwnerSpread",
  weight: 2,
  applies: (pod) => pod.ownerUid !== undefined,
  score(pod, nodes, cycle, out) {
    const uid = pod.ownerUid ?? "";
    let maxNode = 0;
    // Zone totals over every node of the zone (kept by the cache), so sampling nodes does not skew them.
    const zoneCounts = new Map<string, number>();
    for (const n of nodes) {
      maxNode = Math.max(maxNode, n.owners.get(uid) ?? 0);
      if (n.zone !== undefined && !zoneCounts.has(n.zone)) zoneCounts.set(n.zone, cycle.zoneOwnerCount(n.zone, uid));
    }
    let maxZone = 0;
    for (const c of zoneCounts.values()) maxZone = Math.max(maxZone, c);
    const haveZones = zoneCounts.size > 0;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      const count = n.owners.get(uid) ?? 0;
      let score = maxNode > 0 ? (MAX_NODE_SCORE * (maxNode - count)) / maxNode : MAX_NODE_SCORE;
      if (haveZones && n.zone !== undefined) {
        const zoneCount = zoneCounts.get(n.zone) ?? 0;
        const zoneScore = maxZone > 0 ? (MAX_NODE_SCORE * (maxZone - zoneCount)) / maxZone : MAX_NODE_SCORE;
        score = score / 3 + (2 * zoneScore) / 3;
      }
      out[i] = Math.trunc(score);
    }
  },
};

/** Preferred node affinity: the sum of matching terms' weights, scaled so the best node gets 100. */
export const preferredNodeAffinity: ScorePlugin = {
  name: "NodeAffinity",
  weight: 2,
  applies: (pod) => pod.preferredNode.length > 0,
  score(pod, nodes, _cycle, out) {
    for (let i = 0; i < nodes.length; i++) {
      let sum = 0;
      for (const term of pod.preferredNode) if (term.matches(nodes[i].labels, nodes[i].name)) sum += term.weight;
      out[i] = sum;
    }
    normalizeByMax(out, nodes.length, false);
  },
};

/** Preferred pod affinity (+weight) and anti-affinity (-weight) per matching pod in the node's domain, min-max scaled. */
export const preferredPodAffinity: ScorePlugin = {
  name: "InterPodAffinity",
  weight: 2,
  applies: (pod) => pod.preferredAffinity.length + pod.preferredAntiAffinity.length > 0,
  score(_pod, nodes, cycle, out) {
    const state = cycle.affinity;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < nodes.length; i++) {
      let sum = 0;
      if (state) {
        for (const key of state.preferredKeys) {
          const value = nodes[i].topologyValue(key);
          if (value !== undefined) sum += state.preferred.get(pair(key, value)) ?? 0;
        }
      }
      out[i] = sum;
      min = Math.min(min, sum);
      max = Math.max(max, sum);
    }
    const span = max - min;
    for (let i = 0; i < nodes.length; i++) out[i] = span > 0 ? Math.trunc((MAX_NODE_SCORE * (out[i] - min)) / span) : 0;
  },
};

/** TaintToleration: fewer untolerated PreferNoSchedule taints is better. */
export const preferNoScheduleTaints: ScorePlugin = {
  name: "TaintToleration",
  weight: 3,
  applies: () => true,
  score(pod, nodes, _cycle, out) {
    for (let i = 0; i < nodes.length; i++) {
      out[i] = nodes[i].taints.length === 0 ? 0 : countIntolerablePreferNoSchedule(nodes[i].taints, pod.tolerations);
    }
    normalizeByMax(out, nodes.length, true);
  },
};

/** framework's DefaultNormalizeScore: scale to 0-100 by the maximum, optionally reversed. */
function normalizeByMax(out: Float64Array, length: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < length; i++) max = Math.max(max, out[i]);
  for (let i = 0; i < length; i++) {
    if (max === 0) out[i] = reverse ? MAX_NODE_SCORE : 0;
    else {
      const s = Math.trunc((MAX_NODE_SCORE * out[i]) / max);
      out[i] = reverse ? MAX_NODE_SCORE - s : s;
    }
  }
}

export const SCORES: readonly ScorePlugin[] = [
  preferNoScheduleTaints,
  preferredNodeAffinity,
  leastAllocated,
  balancedAllocation,
  preferredPodAffinity,
  ownerSpread,
];

/** Weighted sum of every applicable plugin's normalized score, per node. */
export function scoreNodes(pod: PodInfo, nodes: readonly NodeState[], cycle: CycleState): Float64Array {
  const total = new Float64Array(nodes.length);
  const scratch = new Float64Array(nodes.length);
  for (const plugin of SCORES) {
    if (!plugin.applies(pod, cycle)) continue;
    plugin.score(pod, nodes, cycle, scratch);
    for (let i = 0; i < nodes.length; i++) total[i] += plugin.weight * scratch[i];
  }
  return total;
}
