// Per-pod precomputation (kube-scheduler's PreFilter): the counts that pod
// (anti-)affinity and topology spread need are gathered in one pass over the
// bound pods, only for pods that have such constraints, so each node's
// filter is then a few map lookups.
import type { SchedulerCache } from "./cache.ts";
import type { NodeState } from "./node-state.ts";
import { termMatches } from "./pod-info.ts";
import { firstUntoleratedTaint } from "./tolerations.ts";
import type { AffinityTerm, Labels, PodInfo, SpreadConstraint } from "./types.ts";

/** "topologyKey\0value" */
export type TopologyPair = string;

export function pair(key: string, value: string): TopologyPair {
  return `${key}\0${value}`;
}

export interface AffinityState {
  /** Bound pods matching all required affinity terms, per topology pair. */
  affinityCounts: Map<TopologyPair, number>;
  /** No bound pod matches, but the pod matches its own terms: it may start the group anywhere. */
  firstOfGroup: boolean;
  /** Bound pods matched by the pod's required anti-affinity, per topology pair. */
  antiCounts: Map<TopologyPair, number>;
  /** Topology pairs where a bound pod's required anti-affinity rejects this pod. */
  existingAnti: Set<TopologyPair>;
  existingAntiKeys: Set<string>;
  /** Preferred (anti-)affinity weight per topology pair, for scoring. */
  preferred: Map<TopologyPair, number>;
  preferredKeys: Set<string>;
}

export interface SpreadState {
  constraints: { c: SpreadConstraint; counts: Map<string, number>; min: number; self: number }[];
}

export interface CycleState {
  affinity: AffinityState | undefined;
  spread: SpreadState | undefined;
  namespaceLabels: (namespace: string) => Labels | undefined;
  /** Bound pods of a controller in a zone. */
  zoneOwnerCount: (zone: string, ownerUid: string) => number;
}

export function prepareCycle(cache: SchedulerCache, pod: PodInfo): CycleState {
  const namespaceLabels = (ns: string) => cache.namespaceLabels.get(ns);
  const nodes = cache.nodeList();
  return {
    affinity: prepareAffinity(cache, nodes, pod, namespaceLabels),
    spread: pod.spread.some((c) => c.hard) ? prepareSpread(nodes, pod) : undefined,
    namespaceLabels,
    zoneOwnerCount: (zone, uid) => cache.zoneOwners.get(zone)?.get(uid) ?? 0,
  };
}

function matchesAll(terms: readonly AffinityTerm[], pod: PodInfo, ns: (n: string) => Labels | undefined): boolean {
  for (const t of terms) if (!termMatches(t, pod, ns)) return false;
  return true;
}

function prepareAffinity(
  cache: SchedulerCache,
  nodes: readonly NodeState[],
  pod: PodInfo,
  ns: (n: string) => Labels | undefined,
): AffinityState | undefined {
  const hasOwnTerms =
    pod.affinity.length + pod.antiAffinity.length + pod.preferredAffinity.length + pod.preferredAntiAffinity.length > 0;
  if (!hasOwnTerms && cache.withRequiredAntiAffinity.size === 0) return undefined;
  const state: AffinityState = {
    affinityCounts: new Map(),
    firstOfGroup: false,
    antiCounts: new Map(),
    existingAnti: new Set(),
    existingAntiKeys: new Set(),
    preferred: new Map(),
    preferredKeys: new Set(),
  };
  for (const existing of cache.withRequiredAntiAffinity) {
    const node = cache.nodes.get(existing.nodeName ?? "");
    if (!node?.exists) continue;
    for (const term of existing.antiAffinity) {
      const value = node.topologyValue(term.topologyKey);
      if (value === undefined || !termMatches(term, pod, ns)) continue;
      state.existingAnti.add(pair(term.topologyKey, value));
      state.existingAntiKeys.add(term.topologyKey);
    }
  }
  if (hasOwnTerms) {
    for (const node of nodes) {
      for (const existing of node.pods.values()) countExisting(state, node, existing, pod, ns);
    }
    for (const w of [...pod.preferredAffinity, ...pod.preferredAntiAffinity]) state.preferredKeys.add(w.term.topologyKey);
  }
  state.firstOfGroup = state.affinityCounts.size === 0 && pod.affinity.length > 0 && matchesAll(pod.affinity, pod, ns);
  return state;
}

function add(map: Map<TopologyPair, number>, key: TopologyPair, delta: number): void {
  map.set(key, (map.get(key) ?? 0) + delta);
}

function countExisting(state: AffinityState, node: NodeState, existing: PodInfo, pod: PodInfo, ns: (n: string) => Labels | undefined): void {
  if (existing.deleting) return;
  if (pod.affinity.length > 0 && matchesAll(pod.affinity, existing, ns)) {
    for (const t of pod.affinity) {
      const v = node.topologyValue(t.topologyKey);
      if (v !== undefined) add(state.affinityCounts, pair(t.topologyKey, v), 1);
    }
  }
  for (const t of pod.antiAffinity) {
    const v = node.topologyValue(t.topologyKey);
    if (v !== undefined && termMatches(t, existing, ns)) add(state.antiCounts, pair(t.topologyKey, v), 1);
  }
  for (const w of pod.preferredAffinity) {
    const v = node.topologyValue(w.term.topologyKey);
    if (v !== undefined && termMatches(w.term, existing, ns)) add(state.preferred, pair(w.term.topologyKey, v), w.weight);
  }
  for (const w of pod.preferredAntiAffinity) {
    const v = node.topologyValue(w.term.topologyKey);
    if (v !== undefined && termMatches(w.term, existing, ns)) add(state.preferred, pair(w.term.topologyKey, v), -w.weight);
  }
}

/** Nodes whose pods count towards spreading: they carry every constraint's key and pass the honoured policies. */
function eligibleForSpread(node: NodeState, pod: PodInfo, hard: readonly SpreadConstraint[]): boolean {
  for (const c of hard) {
    if (node.topologyValue(c.topologyKey) === undefined) return false;
    if (c.honorNodeAffinity && pod.requiredNode && !pod.requiredNode(node.labels, node.name)) return false;
    if (c.honorTaints && firstUntoleratedTaint(node.taints, pod.tolerations)) return false;
  }
  return true;
}

function prepareSpread(nodes: readonly NodeState[], pod: PodInfo): SpreadState {
  const hard = pod.spread.filter((c) => c.hard);
  const constraints = hard.map((c) => ({ c, counts: new Map<string, number>(), min: 0, self: c.selector.test(pod.labels) ? 1 : 0 }));
  for (const node of nodes) {
    if (!eligibleForSpread(node, pod, hard)) continue;
    for (const entry of constraints) {
      const value = node.topologyValue(entry.c.topologyKey) as string;
      let n = 0;
      for (const existing of node.pods.values()) {
        if (existing.namespace === pod.namespace && !existing.deleting && entry.c.selector.test(existing.labels)) n++;
      }
      entry.counts.set(value, (entry.counts.get(value) ?? 0) + n);
    }
  }
  for (const entry of constraints) {
    let min = Infinity;
    for (const n of entry.counts.values()) min = Math.min(min, n);
    // Fewer domains than minDomains means the global minimum is taken as 0.
    entry.min = entry.counts.size < entry.c.minDomains || min === Infinity ? 0 : min;
  }
  return { constraints };
}
