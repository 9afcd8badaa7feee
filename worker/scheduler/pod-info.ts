// Everything the scheduler needs from a pod, extracted once when the pod is
// observed so that filtering it against a thousand nodes reads plain fields.
import type { KubeObject } from "../apimachinery/object.ts";
import type { Pod } from "../schema/kinds.ts";
import { deepEqual } from "../schema/validation/equal.ts";
import type { LabelSelector, LabelSelectorObject } from "../apimachinery/selectors.ts";
import { labelSelectorFromObject, nothing } from "../apimachinery/selectors.ts";
import { compilePreferredTerm, requiredNodeMatcher } from "./node-selector.ts";
import type { NodeSelectorTerm } from "./node-selector.ts";
import { podRequests } from "./resources.ts";
import type { AffinityTerm, HostPort, Labels, PodInfo, SpreadConstraint, Toleration, WeightedAffinityTerm } from "./types.ts";

export const DEFAULT_SCHEDULER = "default-scheduler";

type PodSpec = NonNullable<Pod["spec"]>;
type RawAffinityTerm = NonNullable<NonNullable<NonNullable<PodSpec["affinity"]>["podAffinity"]>["requiredDuringSchedulingIgnoredDuringExecution"]>[number];

/** A selector from metav1.LabelSelector plus matchLabelKeys/mismatchLabelKeys resolved against the pod's own labels. */
function selectorOf(
  raw: LabelSelectorObject | undefined,
  labels: Labels,
  matchKeys: readonly string[] = [],
  mismatchKeys: readonly string[] = [],
): LabelSelector {
  if (!raw) return nothing;
  const extra: { key: string; operator: string; values: string[] }[] = [];
  for (const key of matchKeys) if (Object.hasOwn(labels, key)) extra.push({ key, operator: "In", values: [labels[key]] });
  for (const key of mismatchKeys) if (Object.hasOwn(labels, key)) extra.push({ key, operator: "NotIn", values: [labels[key]] });
  const merged: LabelSelectorObject = extra.length === 0 ? raw : { ...raw, matchExpressions: [...(raw.matchExpressions ?? []), ...extra] };
  return labelSelectorFromObject(merged);
}

function affinityTerm(raw: RawAffinityTerm, namespace: string, labels: Labels): AffinityTerm {
  const listed = raw.namespaces ?? [];
  const namespaceSelector = raw.namespaceSelector ? labelSelectorFromObject(raw.namespaceSelector) : undefined;
  return {
    selector: selectorOf(raw.labelSelector, labels, raw.matchLabelKeys, raw.mismatchLabelKeys),
    topologyKey: raw.topologyKey,
    // Neither names nor a selector means the pod's own namespace.
    namespaces: new Set(listed.length === 0 && !namespaceSelector ? [namespace] : listed),
    namespaceSelector,
  };
}

function hostPortsOf(spec: PodSpec): HostPort[] {
  const ports: HostPort[] = [];
  const containers = [...spec.containers, ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always")];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      const ip = p.hostIP && p.hostIP !== "0.0.0.0" ? p.hostIP : "";
      ports.push({ portKey: `${p.protocol ?? "TCP"}/${p.hostPort}`, ip });
    }
  }
  return ports;
}

function spreadOf(spec: PodSpec, labels: Labels): SpreadConstraint[] {
  return (spec.topologySpreadConstraints ?? []).map((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector: selectorOf(c.labelSelector, labels, c.matchLabelKeys),
    minDomains: c.minDomains ?? 1,
    hard: c.whenUnsatisfiable !== "ScheduleAnyway",
    honorNodeAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
    honorTaints: c.nodeTaintsPolicy === "Honor",
  }));
}

const EMPTY_SPEC: PodSpec = { containers: [] };

export function podInfoOf(object: KubeObject, seq: number): PodInfo {
  const pod = object as unknown as Pod;
  const meta = object.metadata;
  const spec = pod.spec ?? EMPTY_SPEC;
  const namespace = meta.namespace ?? "";
  const labels: Labels = meta.labels ?? {};
  const phase = pod.status?.phase;
  const info: PodInfo = {
    key: `${namespace}/${meta.name ?? ""}`,
    namespace,
    name: meta.name ?? "",
    uid: meta.uid ?? "",
    labels,
    priority: spec.priority ?? 0,
    createdMs: meta.creationTimestamp ? Date.parse(meta.creationTimestamp) || 0 : 0,
    seq,
    nodeName: spec.nodeName || undefined,
    cpu: 0,
    memory: 0,
    nonZeroCpu: 0,
    nonZeroMemory: 0,
    hostPorts: [],
    tolerations: (spec.tolerations ?? []) as Toleration[],
    requiredNode: undefined,
    preferredNode: [],
    affinity: [],
    antiAffinity: [],
    preferredAffinity: [],
    preferredAntiAffinity: [],
    spread: [],
    ownerUid: meta.ownerReferences?.find((r) => r.controller)?.uid,
    ours: !spec.schedulerName || spec.schedulerName === DEFAULT_SCHEDULER,
    gated: (spec.schedulingGates ?? []).length > 0,
    deleting: meta.deletionTimestamp !== undefined,
    terminal: phase === "Succeeded" || phase === "Failed",
    invalid: undefined,
    object,
  };
  const requests = podRequests(spec.containers, spec.initContainers ?? [], spec.overhead, false);
  const nonZero = podRequests(spec.containers, spec.initContainers ?? [], spec.overhead, true);
  info.cpu = requests.cpu;
  info.memory = requests.memory;
  info.nonZeroCpu = nonZero.cpu;
  info.nonZeroMemory = nonZero.memory;
  info.hostPorts = hostPortsOf(spec);
  try {
    compileConstraints(info, spec, namespace, labels);
  } catch (error) {
    // Admission validates selectors; a stored pod that still has a bad one stays pending with the reason.
    info.invalid = error instanceof Error ? error.message : String(error);
  }
  return info;
}

function compileConstraints(info: PodInfo, spec: PodSpec, namespace: string, labels: Labels): void {
  const { nodeAffinity, podAffinity, podAntiAffinity } = spec.affinity ?? {};
  info.requiredNode = requiredNodeMatcher(spec.nodeSelector, nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  info.preferredNode = (nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
    .filter((p) => p.weight !== 0)
    .map((p) => ({ weight: p.weight, matches: compilePreferredTerm(p.preference as NodeSelectorTerm) }));
  const term = (raw: RawAffinityTerm) => affinityTerm(raw, namespace, labels);
  const weighted = (w: { weight: number; podAffinityTerm: RawAffinityTerm }): WeightedAffinityTerm => ({ weight: w.weight, term: term(w.podAffinityTerm) });
  info.affinity = (podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(term);
  info.antiAffinity = (podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(term);
  info.preferredAffinity = (podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(weighted);
  info.preferredAntiAffinity = (podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(weighted);
  info.spread = spreadOf(spec, labels);
}

/** Whether an affinity term (of a pod in `termNamespace`'s terms) selects `pod`. */
export function termMatches(
  term: AffinityTerm,
  pod: PodInfo,
  namespaceLabels: (namespace: string) => Labels | undefined,
): boolean {
  const inNamespace =
    term.namespaces.has(pod.namespace) || (term.namespaceSelector !== undefined && term.namespaceSelector.test(namespaceLabels(pod.namespace)));
  return inNamespace && term.selector.test(pod.labels);
}

/** Whether a pending pod's scheduling-relevant parts changed, to tell a status write from a change worth retrying for. */
export function schedulingChanged(before: KubeObject, after: KubeObject): boolean {
  // Key order may differ between writes (admission re-serializes), so compare by meaning.
  return !deepEqual(before.metadata.labels ?? {}, after.metadata.labels ?? {}) || !deepEqual(before.spec, after.spec);
}
