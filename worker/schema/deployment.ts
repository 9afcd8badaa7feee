// apps/v1 Deployment.
import { z } from "zod";
import { conditionFields, IntOrString, LabelSelector, MERGE_BY_TYPE, Time, typeMeta } from "./meta.ts";
import { PodTemplateSpec } from "./pod.ts";

const APPS = "io.k8s.api.apps.v1";

export const DeploymentStrategy = z
  .object({
    type: z.enum(["Recreate", "RollingUpdate"]).optional().describe('Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.'),
    rollingUpdate: z
      .object({
        maxUnavailable: IntOrString.optional().describe("The maximum number of pods that can be unavailable during the update. Defaults to 25%."),
        maxSurge: IntOrString.optional().describe("The maximum number of pods that can be scheduled above the desired number of pods. Defaults to 25%."),
      })
      .meta({ id: `${APPS}.RollingUpdateDeployment` })
      .optional(),
  })
  .meta({ id: `${APPS}.DeploymentStrategy` });

export const DeploymentSpec = z
  .object({
    replicas: z.int32().optional().describe("Number of desired pods. Defaults to 1."),
    selector: LabelSelector.optional().describe("Label selector for pods. It must match the pod template's labels."),
    template: PodTemplateSpec.describe("Template describes the pods that will be created."),
    strategy: DeploymentStrategy.meta({ "x-kubernetes-patch-strategy": "retainKeys" })
      .optional()
      .describe("The deployment strategy to use to replace existing pods with new ones."),
    minReadySeconds: z.int32().optional(),
    revisionHistoryLimit: z.int32().optional().describe("The number of old ReplicaSets to retain to allow rollback. Defaults to 10."),
    paused: z.boolean().optional(),
    progressDeadlineSeconds: z.int32().optional().describe("The maximum time in seconds for a deployment to make progress. Defaults to 600s."),
  })
  .meta({ id: `${APPS}.DeploymentSpec` });
export type DeploymentSpecValue = z.infer<typeof DeploymentSpec>;

export const DeploymentCondition = z
  .object({ ...conditionFields, lastUpdateTime: Time.optional() })
  .meta({ id: `${APPS}.DeploymentCondition` });
export type DeploymentConditionValue = z.infer<typeof DeploymentCondition>;

export const DeploymentStatus = z
  .object({
    observedGeneration: z.int().optional(),
    replicas: z.int32().optional(),
    updatedReplicas: z.int32().optional(),
    readyReplicas: z.int32().optional(),
    availableReplicas: z.int32().optional(),
    unavailableReplicas: z.int32().optional(),
    terminatingReplicas: z.int32().optional(),
    conditions: z.array(DeploymentCondition).meta(MERGE_BY_TYPE).optional(),
    collisionCount: z.int32().optional(),
  })
  .meta({ id: `${APPS}.DeploymentStatus` });
export type DeploymentStatusValue = z.infer<typeof DeploymentStatus>;

export const Deployment = z
  .object({ ...typeMeta, spec: DeploymentSpec.optional(), status: DeploymentStatus.optional() })
  .meta({
    id: `${APPS}.Deployment`,
    description: "Deployment enables declarative updates for Pods and ReplicaSets.",
    "x-kubernetes-group-version-kind": [{ group: "apps", version: "v1", kind: "Deployment" }],
  });
export type Deployment = z.infer<typeof Deployment>;
