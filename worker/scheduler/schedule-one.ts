// One scheduling cycle for one pod: filter the nodes (stopping early on large
// clusters, as percentageOfNodesToScore does), score the feasible ones and
// pick the best, ties at random. Pure with respect to storage.
import type { SchedulerCache } from "./cache.ts";
import { prepareCycle } from "./cycle-state.ts";
import { runFilters } from "./filters.ts";
import { fitErrorMessage, NO_NODES_MESSAGE } from "./fit-error.ts";
import type { NodeState } from "./node-state.ts";
import { scoreNodes } from "./scores.ts";
import type { PodInfo } from "./types.ts";

export type ScheduleResult =
  | { node: NodeState; evaluated: number }
  | { node?: undefined; message: string; evaluated: number };

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

/** kube-scheduler's adaptive percentageOfNodesToScore: all of a small cluster, 42% of 1,000 nodes, never below 100. */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * percentage) / 100));
}

export function scheduleOne(cache: SchedulerCache, pod: PodInfo, random: () => number = Math.random): ScheduleResult {
  const nodes = cache.nodeList();
  const n = nodes.length;
  if (n === 0) return { message: NO_NODES_MESSAGE, evaluated: 0 };
  if (pod.invalid) return { message: `0/${n} nodes are available: ${pod.invalid}.`, evaluated: 0 };
  const cycle = prepareCycle(cache, pod);
  const want = numFeasibleNodesToFind(n);
  const feasible: NodeState[] = [];
  const reasons = new Map<string, number>();
  const start = cache.nextStartIndex % n;
  let i = 0;
  for (; i < n && feasible.length < want; i++) {
    const node = nodes[(start + i) % n];
    const result = runFilters(pod, node, cycle);
    if (result === undefined) feasible.push(node);
    else if (typeof result === "string") reasons.set(result, (reasons.get(result) ?? 0) + 1);
    else for (const r of result) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  cache.nextStartIndex = (start + i) % n;
  if (feasible.length === 0) return { message: fitErrorMessage(n, reasons), evaluated: i };
  if (feasible.length === 1) return { node: feasible[0], evaluated: i };
  const scores = scoreNodes(pod, feasible, cycle);
  return { node: feasible[pickBest(scores, random)], evaluated: i };
}

/** Index of the highest score; among equals each is equally likely (reservoir sampling, as selectHost does). */
export function pickBest(scores: Float64Array, random: () => number): number {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < scores.length; i++) {
    if (scores[i] > scores[best]) {
      best = i;
      ties = 1;
    } else if (scores[i] === scores[best]) {
      ties++;
      if (random() * ties < 1) best = i;
    }
  }
  return best;
}
