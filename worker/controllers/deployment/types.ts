// Typed views onto Deployments and the ReplicaSet fields the Deployment
// controller reads. Admission has validated and defaulted the objects.
import type { KubeObject } from "../../apimachinery/object.ts";
import type { LabelSelectorObject } from "../../apimachinery/selectors.ts";
import type { Condition, PodTemplate } from "../replicaset/types.ts";
import { rsStatus } from "../replicaset/types.ts";

export type { Condition, PodTemplate } from "../replicaset/types.ts";

export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelectorObject;
  template?: PodTemplate;
  strategy?: {
    type?: "Recreate" | "RollingUpdate";
    rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

/** Kubernetes' "no deadline" value for progressDeadlineSeconds (math.MaxInt32). */
const NO_DEADLINE = 2147483647;

export function deploymentSpec(d: KubeObject): DeploymentSpec {
  return (d.spec ?? {}) as DeploymentSpec;
}

export function deploymentStatus(d: KubeObject): DeploymentStatus {
  return (d.status ?? {}) as DeploymentStatus;
}

export function desiredReplicas(d: KubeObject): number {
  return deploymentSpec(d).replicas ?? 1;
}

export function isRollingUpdate(d: KubeObject): boolean {
  return (deploymentSpec(d).strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/** The deadline in seconds, or undefined when there is none. */
export function progressDeadline(d: KubeObject): number | undefined {
  const seconds = deploymentSpec(d).progressDeadlineSeconds;
  return seconds === undefined || seconds === NO_DEADLINE ? undefined : seconds;
}

export function rsReplicas(rs: KubeObject): number {
  return ((rs.spec ?? {}) as { replicas?: number }).replicas ?? 1;
}

export function rsAvailable(rs: KubeObject): number {
  return rsStatus(rs).availableReplicas ?? 0;
}

export function sumSpecReplicas(list: readonly KubeObject[]): number {
  return list.reduce((n, rs) => n + rsReplicas(rs), 0);
}

export function sumStatusReplicas(list: readonly KubeObject[]): number {
  return list.reduce((n, rs) => n + (rsStatus(rs).replicas ?? 0), 0);
}

export function sumReady(list: readonly KubeObject[]): number {
  return list.reduce((n, rs) => n + (rsStatus(rs).readyReplicas ?? 0), 0);
}

export function sumAvailable(list: readonly KubeObject[]): number {
  return list.reduce((n, rs) => n + rsAvailable(rs), 0);
}

/** FilterActiveReplicaSets: those asked for at least one pod. */
export function activeReplicaSets(list: readonly KubeObject[]): KubeObject[] {
  return list.filter((rs) => rsReplicas(rs) > 0);
}
