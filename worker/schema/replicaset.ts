// apps/v1 ReplicaSet.
import { z } from "zod";
import { conditionFields, LabelSelector, MERGE_BY_TYPE, typeMeta } from "./meta.ts";
import { PodTemplateSpec } from "./pod.ts";

const APPS = "io.k8s.api.apps.v1";

export const ReplicaSetSpec = z
  .object({
    replicas: z.int32().optional().describe("Replicas is the number of desired pods. Defaults to 1."),
    minReadySeconds: z.int32().optional(),
    selector: LabelSelector.optional().describe("Selector is a label query over pods that should match the replica count."),
    template: PodTemplateSpec.optional().describe("Template is the object that describes the pod that will be created if insufficient replicas are detected."),
  })
  .meta({ id: `${APPS}.ReplicaSetSpec` });

export const ReplicaSetCondition = z.object(conditionFields).meta({ id: `${APPS}.ReplicaSetCondition` });

export const ReplicaSetStatus = z
  .object({
    replicas: z.int32().optional(),
    fullyLabeledReplicas: z.int32().optional(),
    readyReplicas: z.int32().optional(),
    availableReplicas: z.int32().optional(),
    terminatingReplicas: z.int32().optional(),
    observedGeneration: z.int().optional(),
    conditions: z.array(ReplicaSetCondition).meta(MERGE_BY_TYPE).optional(),
  })
  .meta({ id: `${APPS}.ReplicaSetStatus` });

export const ReplicaSet = z
  .object({ ...typeMeta, spec: ReplicaSetSpec.optional(), status: ReplicaSetStatus.optional() })
  .meta({
    id: `${APPS}.ReplicaSet`,
    description: "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
    "x-kubernetes-group-version-kind": [{ group: "apps", version: "v1", kind: "ReplicaSet" }],
  });
export type ReplicaSet = z.infer<typeof ReplicaSet>;
