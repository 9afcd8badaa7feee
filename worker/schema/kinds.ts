// The one table from kind to schema, plus the types controllers and the node
// agent import (`import type { Pod, Deployment } from ".../schema/kinds.ts"`).
import type { z } from "zod";
import { ConfigMap } from "./configmap.ts";
import { Deployment } from "./deployment.ts";
import { Endpoints } from "./endpoints.ts";
import { Event } from "./event.ts";
import { Lease } from "./lease.ts";
import { Namespace } from "./namespace.ts";
import { Node } from "./node.ts";
import { Pod } from "./pod.ts";
import { ReplicaSet } from "./replicaset.ts";
import { Scale } from "./scale.ts";
import { Secret } from "./secret.ts";
import { Service } from "./service.ts";
import { ServiceAccount } from "./serviceaccount.ts";

export const KIND_SCHEMAS = {
  Namespace,
  Pod,
  Node,
  Service,
  Endpoints,
  ConfigMap,
  Secret,
  ServiceAccount,
  Event,
  Deployment,
  ReplicaSet,
  Lease,
  Scale,
} as const satisfies Record<string, z.ZodType>;

export type KindName = keyof typeof KIND_SCHEMAS;

export function schemaForKind(kind: string): z.ZodType | undefined {
  return Object.hasOwn(KIND_SCHEMAS, kind) ? KIND_SCHEMAS[kind as KindName] : undefined;
}

export type { ConfigMap } from "./configmap.ts";
export type { Deployment, DeploymentConditionValue as DeploymentCondition, DeploymentSpecValue as DeploymentSpec, DeploymentStatusValue as DeploymentStatus } from "./deployment.ts";
export type { Endpoints, EndpointSubsetValue as EndpointSubset } from "./endpoints.ts";
export type { Event } from "./event.ts";
export type { Lease } from "./lease.ts";
export type { Namespace } from "./namespace.ts";
export type { Node, NodeConditionValue as NodeCondition, NodeStatusValue as NodeStatus } from "./node.ts";
export type {
  ContainerStateValue as ContainerState,
  ContainerStatusValue as ContainerStatus,
  Pod,
  PodConditionValue as PodCondition,
  PodSpecValue as PodSpec,
  PodStatusValue as PodStatus,
  PodTemplateSpecValue as PodTemplateSpec,
} from "./pod.ts";
export type { ContainerValue as Container } from "./container.ts";
export type { VolumeValue as Volume } from "./volume.ts";
export type { AffinityValue as Affinity, TaintValue as Taint, TolerationValue as Toleration } from "./affinity.ts";
export type { ReplicaSet } from "./replicaset.ts";
export type { Scale } from "./scale.ts";
export type { Secret } from "./secret.ts";
export type { Service, ServicePortValue as ServicePort, ServiceSpecValue as ServiceSpec } from "./service.ts";
export type { ServiceAccount } from "./serviceaccount.ts";
export type { IntOrStringValue as IntOrString, LabelSelectorValue as LabelSelector, ResourceListValue as ResourceList } from "./meta.ts";
