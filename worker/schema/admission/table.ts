// Every kind's defaulting and validation, wired to its schema.
import type { KindAdmission } from "./define.ts";
import { defineKind } from "./define.ts";
import { ConfigMap } from "../configmap.ts";
import { Deployment } from "../deployment.ts";
import { Endpoints } from "../endpoints.ts";
import { Event } from "../event.ts";
import { Lease } from "../lease.ts";
import { Namespace } from "../namespace.ts";
import { Node } from "../node.ts";
import { Pod } from "../pod.ts";
import { ReplicaSet } from "../replicaset.ts";
import { Scale } from "../scale.ts";
import { Secret } from "../secret.ts";
import { Service } from "../service.ts";
import { ServiceAccount } from "../serviceaccount.ts";
import { defaultPod } from "../defaults/pod.ts";
import { defaultDeployment, defaultReplicaSet } from "../defaults/workloads.ts";
import { defaultService } from "../defaults/service.ts";
import { defaultSecret } from "../defaults/data.ts";
import { defaultEndpoints, defaultNamespace, defaultNode } from "../defaults/cluster.ts";
import { validatePod } from "../validation/pod.ts";
import { validatePodUpdate } from "../validation/pod-update.ts";
import { validatePodStatus } from "../validation/pod-status.ts";
import {
  validateDeployment,
  validateDeploymentStatus,
  validateReplicaSet,
  validateReplicaSetStatus,
  validateSelectorUpdate,
} from "../validation/workloads.ts";
import { validateService, validateServiceUpdate } from "../validation/service.ts";
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from "../validation/data.ts";
import { validateNamespace, validateNode, validateNodeStatus, validateNodeUpdate } from "../validation/cluster.ts";
import { validateEndpoints, validateEvent, validateLease, validateServiceAccount } from "../validation/misc.ts";
import { nonNegative } from "../validation/field.ts";

export const KIND_ADMISSION: Record<string, KindAdmission> = {
  Pod: defineKind({
    schema: Pod,
    defaults: (pod, { creating }) => defaultPod(pod, creating),
    validate: validatePod,
    validateUpdate: validatePodUpdate,
    validateStatus: validatePodStatus,
  }),
  Deployment: defineKind({
    schema: Deployment,
    defaults: defaultDeployment,
    validate: validateDeployment,
    validateUpdate: (d, old) => validateSelectorUpdate(d.spec?.selector, old.spec?.selector),
    validateStatus: validateDeploymentStatus,
  }),
  ReplicaSet: defineKind({
    schema: ReplicaSet,
    defaults: defaultReplicaSet,
    validate: validateReplicaSet,
    validateUpdate: (rs, old) => validateSelectorUpdate(rs.spec?.selector, old.spec?.selector),
    validateStatus: validateReplicaSetStatus,
  }),
  Service: defineKind({
    schema: Service,
    defaults: (svc, { old }) => defaultService(svc, old),
    validate: validateService,
    validateUpdate: validateServiceUpdate,
  }),
  ConfigMap: defineKind({ schema: ConfigMap, validate: validateConfigMap, validateUpdate: validateConfigMapUpdate }),
  Secret: defineKind({ schema: Secret, defaults: defaultSecret, validate: validateSecret, validateUpdate: validateSecretUpdate }),
  Namespace: defineKind({
    schema: Namespace,
    defaults: (ns, { creating }) => defaultNamespace(ns, creating),
    validate: validateNamespace,
  }),
  Node: defineKind({
    schema: Node,
    defaults: defaultNode,
    validate: validateNode,
    validateUpdate: validateNodeUpdate,
    validateStatus: validateNodeStatus,
  }),
  Endpoints: defineKind({ schema: Endpoints, defaults: defaultEndpoints, validate: validateEndpoints }),
  ServiceAccount: defineKind({ schema: ServiceAccount, validate: validateServiceAccount }),
  Event: defineKind({ schema: Event, validate: validateEvent }),
  Lease: defineKind({ schema: Lease, validate: validateLease }),
};

export const SCALE_ADMISSION: KindAdmission = defineKind({
  schema: Scale,
  validate: (scale) => nonNegative("spec.replicas", scale.spec?.replicas),
});
