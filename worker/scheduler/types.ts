// The scheduler's in-memory view of pods and nodes: everything a filter or
// score plugin needs, precomputed once per pod and kept per node, so the hot
// loop reads plain fields instead of walking stored JSON.
import type { KubeObject } from "../apimachinery/object.ts";
import type { LabelSelector } from "../apimachinery/selectors.ts";

export type Labels = Readonly<Record<string, string>>;

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** A compiled node selector (term list): true when the node qualifies. */
export type NodeMatcher = (labels: Labels, nodeName: string) => boolean;

export interface PreferredNodeTerm {
  weight: number;
  matches: NodeMatcher;
}

/** A pod (anti-)affinity term with its namespaces resolved to a test. */
export interface AffinityTerm {
  selector: LabelSelector;
  topologyKey: string;
  /** Namespaces listed by name (or the owner's own when none are given). */
  namespaces: ReadonlySet<string>;
  /** Set when the term also selects namespaces by label; an empty selector means all. */
  namespaceSelector: LabelSelector | undefined;
}

export interface WeightedAffinityTerm {
  weight: number;
  term: AffinityTerm;
}

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  /** DoNotSchedule (a filter) rather than ScheduleAnyway. */
  hard: boolean;
  honorNodeAffinity: boolean;
  honorTaints: boolean;
}

export interface PodInfo {
  /** "namespace/name" */
  key: string;
  namespace: string;
  name: string;
  uid: string;
  labels: Labels;
  priority: number;
  /** Arrival order: creation time, then order of first sight. */
  createdMs: number;
  seq: number;
  nodeName: string | undefined;
  /** Requests as the fit filter counts them. */
  cpu: number;
  memory: number;
  /** Requests with Kubernetes' defaults for unset ones, as the scores count them. */
  nonZeroCpu: number;
  nonZeroMemory: number;
  /** "protocol/port" with the host IP, for conflict checks. */
  hostPorts: readonly HostPort[];
  tolerations: readonly Toleration[];
  requiredNode: NodeMatcher | undefined;
  preferredNode: readonly PreferredNodeTerm[];
  affinity: readonly AffinityTerm[];
  antiAffinity: readonly AffinityTerm[];
  preferredAffinity: readonly WeightedAffinityTerm[];
  preferredAntiAffinity: readonly WeightedAffinityTerm[];
  spread: readonly SpreadConstraint[];
  /** uid of the controller ownerReference (ReplicaSet, StatefulSet…). */
  ownerUid: string | undefined;
  /** Only "default-scheduler" (or unset) pods are ours. */
  ours: boolean;
  gated: boolean;
  deleting: boolean;
  terminal: boolean;
  /** Why the pod can never be scheduled as written (e.g. a bad selector). */
  invalid: string | undefined;
  object: KubeObject;
}

export interface HostPort {
  /** "TCP/8080" */
  portKey: string;
  /** "" for all addresses. */
  ip: string;
}

/** A filter plugin's verdict on one node: undefined passes, else the reason(s) it failed. */
export type FilterResult = string | readonly string[] | undefined;
