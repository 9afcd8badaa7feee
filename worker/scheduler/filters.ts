// Filter plugins, in kube-scheduler's order. Each is a pure function of the
// pod, one node and the pod's precomputed cycle state, answering with
// Kubernetes' reason text when the node is unsuitable.
import type { CycleState } from "./cycle-state.ts";
import { pair } from "./cycle-state.ts";
import type { NodeState } from "./node-state.ts";
import { firstUntoleratedTaint, toleratesTaint } from "./tolerations.ts";
import type { FilterResult, PodInfo } from "./types.ts";

export interface FilterPlugin {
  readonly name: string;
  filter(pod: PodInfo, node: NodeState, cycle: CycleState): FilterResult;
}

export const REASONS = {
  unschedulable: "node(s) were unschedulable",
  notReady: "node(s) were not ready",
  nodeName: "node(s) didn't match the requested node name",
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  ports: "node(s) didn't have free ports for the requested pod ports",
  cpu: "Insufficient cpu",
  memory: "Insufficient memory",
  pods: "Too many pods",
  affinity: "node(s) didn't match pod affinity rules",
  antiAffinity: "node(s) didn't match pod anti-affinity rules",
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
  spread: "node(s) didn't match pod topology spread constraints",
  spreadLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
} as const;

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ""}}`;
}

const UNSCHEDULABLE_TAINT = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };
const NOT_READY_TAINT = { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" };
const UNREACHABLE_TAINT = { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" };

export const nodeUnschedulable: FilterPlugin = {
  name: "NodeUnschedulable",
  filter(pod, node) {
    if (!node.unschedulable || toleratesTaint(pod.tolerations, UNSCHEDULABLE_TAINT)) return undefined;
    return REASONS.unschedulable;
  },
};

/** A node that reports Ready other than True takes no pods, unless they tolerate the matching taint (as DaemonSet pods do). */
export const nodeReady: FilterPlugin = {
  name: "NodeReady",
  filter(pod, node) {
    if (node.ready === "True") return undefined;
    const taint = node.ready === "False" ? NOT_READY_TAINT : UNREACHABLE_TAINT;
    return toleratesTaint(pod.tolerations, taint) ? undefined : REASONS.notReady;
  },
};

export const nodeName: FilterPlugin = {
  name: "NodeName",
  filter(pod, node) {
    return pod.nodeName === undefined || pod.nodeName === node.name ? undefined : REASONS.nodeName;
  },
};

export const taintToleration: FilterPlugin = {
  name: "TaintToleration",
  filter(pod, node) {
    if (node.taints.length === 0) return undefined;
    const taint = firstUntoleratedTaint(node.taints, pod.tolerations);
    return taint ? untoleratedTaintReason(taint.key, taint.value) : undefined;
  },
};

export const nodeAffinity: FilterPlugin = {
  name: "NodeAffinity",
  filter(pod, node) {
    return !pod.requiredNode || pod.requiredNode(node.labels, node.name) ? undefined : REASONS.nodeAffinity;
  },
};

export const nodePorts: FilterPlugin = {
  name: "NodePorts",
  filter(pod, node) {
    for (const port of pod.hostPorts) if (node.portInUse(port)) return REASONS.ports;
    return undefined;
  },
};

export const nodeResourcesFit: FilterPlugin = {
  name: "NodeResourcesFit",
  filter(pod, node) {
    let reasons: string[] | undefined;
    if (node.pods.size + 1 > node.allocPods) (reasons ??= []).push(REASONS.pods);
    if (pod.cpu > 0 && pod.cpu > node.allocCpu - node.cpu) (reasons ??= []).push(REASONS.cpu);
    if (pod.memory > 0 && pod.memory > node.allocMemory - node.memory) (reasons ??= []).push(REASONS.memory);
    return reasons;
  },
};

export const podTopologySpread: FilterPlugin = {
  name: "PodTopologySpread",
  filter(_pod, node, cycle) {
    if (!cycle.spread) return undefined;
    for (const { c, counts, min, self } of cycle.spread.constraints) {
      const value = node.topologyValue(c.topologyKey);
      if (value === undefined) return REASONS.spreadLabel;
      if ((counts.get(value) ?? 0) + self - min > c.maxSkew) return REASONS.spread;
    }
    return undefined;
  },
};

export const interPodAffinity: FilterPlugin = {
  name: "InterPodAffinity",
  filter(pod, node, cycle) {
    const state = cycle.affinity;
    if (!state) return undefined;
    // kube-scheduler's order, which decides the reason a node is counted under.
    if (pod.affinity.length > 0 && !satisfiesAffinity(pod, node, cycle)) return REASONS.affinity;
    for (const t of pod.antiAffinity) {
      const value = node.topologyValue(t.topologyKey);
      if (value !== undefined && (state.antiCounts.get(pair(t.topologyKey, value)) ?? 0) > 0) return REASONS.antiAffinity;
    }
    for (const key of state.existingAntiKeys) {
      const value = node.topologyValue(key);
      if (value !== undefined && state.existingAnti.has(pair(key, value))) return REASONS.existingAntiAffinity;
    }
    return undefined;
  },
};

function satisfiesAffinity(pod: PodInfo, node: NodeState, cycle: CycleState): boolean {
  const state = cycle.affinity;
  if (!state) return true;
  let podsExist = true;
  for (const t of pod.affinity) {
    const value = node.topologyValue(t.topologyKey);
    // Every topology label must exist on the node, even for the first pod of a group.
    if (value === undefined) return false;
    if ((state.affinityCounts.get(pair(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  return podsExist || state.firstOfGroup;
}

export const FILTERS: readonly FilterPlugin[] = [
  nodeUnschedulable,
  nodeReady,
  nodeName,
  taintToleration,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  podTopologySpread,
  interPodAffinity,
];

/** The first failing plugin's reasons, or undefined when the node fits. */
export function runFilters(pod: PodInfo, node: NodeState, cycle: CycleState): FilterResult {
  for (const plugin of FILTERS) {
    const result = plugin.filter(pod, node, cycle);
    if (result !== undefined) return result;
  }
  return undefined;
}
