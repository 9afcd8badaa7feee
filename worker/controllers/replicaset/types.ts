// Typed views onto the stored objects the ReplicaSet controller reads. The
// store keeps objects as loose JSON; admission has already validated them.
import type { KubeObject } from "../../apimachinery/object.ts";
import type { LabelSelectorObject } from "../../apimachinery/selectors.ts";

export interface PodTemplate {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    [field: string]: unknown;
  };
  spec?: Record<string, unknown>;
}

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelectorObject;
  template?: PodTemplate;
}

export interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface PodView {
  nodeName?: string;
  phase?: string;
  conditions: Condition[];
  restarts: number;
}

export function rsSpec(rs: KubeObject): ReplicaSetSpec {
  return (rs.spec ?? {}) as ReplicaSetSpec;
}

export function rsStatus(rs: KubeObject): ReplicaSetStatus {
  return (rs.status ?? {}) as ReplicaSetStatus;
}

/** spec.replicas, which admission defaults to 1. */
export function specReplicas(rs: KubeObject): number {
  return rsSpec(rs).replicas ?? 1;
}

export function podView(pod: KubeObject): PodView {
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  const status = (pod.status ?? {}) as {
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: { restartCount?: number }[];
  };
  const restarts = Math.max(0, ...(status.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  return { nodeName: spec.nodeName, phase: status.phase, conditions: status.conditions ?? [], restarts };
}
