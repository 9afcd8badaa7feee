// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.apps.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const APPS_V1: MessageTable = {
  "apps.v1.ControllerRevision": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["data", "RawJSON"],
    3: ["revision", "int64", "k"],
  },
  "apps.v1.ControllerRevisionList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "apps.v1.ControllerRevision", "r"],
  },
  "apps.v1.DaemonSet": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "apps.v1.DaemonSetSpec"],
    3: ["status", "apps.v1.DaemonSetStatus"],
  },
  "apps.v1.DaemonSetCondition": {
    1: ["type", "string", "k"],
    2: ["status", "string", "k"],
    3: ["lastTransitionTime", "Time"],
    4: ["reason", "string"],
    5: ["message", "string"],
  },
  "apps.v1.DaemonSetList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "apps.v1.DaemonSet", "r"],
  },
  "apps.v1.DaemonSetSpec": {
    1: ["selector", "meta.v1.LabelSelector"],
    2: ["template", "core.v1.PodTemplateSpec"],
    3: ["updateStrategy", "apps.v1.DaemonSetUpdateStrategy"],
    4: ["minReadySeconds", "int32"],
    6: ["revisionHistoryLimit", "int32", "k"],
  },
  "apps.v1.DaemonSetStatus": {
    1: ["currentNumberScheduled", "int32", "k"],
    2: ["numberMisscheduled", "int32", "k"],
    3: ["desiredNumberScheduled", "int32", "k"],
    4: ["numberReady", "int32", "k"],
    5: ["observedGeneration", "int64"],
    6: ["updatedNumberScheduled", "int32"],
    7: ["numberAvailable", "int32"],
    8: ["numberUnavailable", "int32"],
    9: ["collisionCount", "int32", "k"],
    10: ["conditions", "apps.v1.DaemonSetCondition", "r"],
  },
  "apps.v1.DaemonSetUpdateStrategy": {
    1: ["type", "string"],
    2: ["rollingUpdate", "apps.v1.RollingUpdateDaemonSet"],
  },
  "apps.v1.Deployment": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "apps.v1.DeploymentSpec"],
    3: ["status", "apps.v1.DeploymentStatus"],
  },
  "apps.v1.DeploymentCondition": {
    1: ["type", "string", "k"],
    2: ["status", "string", "k"],
    4: ["reason", "string"],
    5: ["message", "string"],
    6: ["lastUpdateTime", "Time"],
    7: ["lastTransitionTime", "Time"],
  },
  "apps.v1.DeploymentList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "apps.v1.Deployment", "r"],
  },
  "apps.v1.DeploymentSpec": {
    1: ["replicas", "int32", "k"],
    2: ["selector", "meta.v1.LabelSelector"],
    3: ["template", "core.v1.PodTemplateSpec"],
    4: ["strategy", "apps.v1.DeploymentStrategy"],
    5: ["minReadySeconds", "int32"],
    6: ["revisionHistoryLimit", "int32", "k"],
    7: ["paused", "bool"],
    9: ["progressDeadlineSeconds", "int32", "k"],
  },
  "apps.v1.DeploymentStatus": {
    1: ["observedGeneration", "int64"],
    2: ["replicas", "int32"],
    3: ["updatedReplicas", "int32"],
    4: ["availableReplicas", "int32"],
    5: ["unavailableReplicas", "int32"],
    6: ["conditions", "apps.v1.DeploymentCondition", "r"],
    7: ["readyReplicas", "int32"],
    8: ["collisionCount", "int32", "k"],
  },
  "apps.v1.DeploymentStrategy": {
    1: ["type", "string"],
    2: ["rollingUpdate", "apps.v1.RollingUpdateDeployment"],
  },
  "apps.v1.ReplicaSet": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "apps.v1.ReplicaSetSpec"],
    3: ["status", "apps.v1.ReplicaSetStatus"],
  },
  "apps.v1.ReplicaSetCondition": {
    1: ["type", "string", "k"],
    2: ["status", "string", "k"],
    3: ["lastTransitionTime", "Time"],
    4: ["reason", "string"],
    5: ["message", "string"],
  },
  "apps.v1.ReplicaSetList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "apps.v1.ReplicaSet", "r"],
  },
  "apps.v1.ReplicaSetSpec": {
    1: ["replicas", "int32", "k"],
    2: ["selector", "meta.v1.LabelSelector"],
    3: ["template", "core.v1.PodTemplateSpec"],
    4: ["minReadySeconds", "int32"],
  },
  "apps.v1.ReplicaSetStatus": {
    1: ["replicas", "int32", "k"],
    2: ["fullyLabeledReplicas", "int32"],
    3: ["observedGeneration", "int64"],
    4: ["readyReplicas", "int32"],
    5: ["availableReplicas", "int32"],
    6: ["conditions", "apps.v1.ReplicaSetCondition", "r"],
  },
  "apps.v1.RollingUpdateDaemonSet": {
    1: ["maxUnavailable", "IntOrString"],
    2: ["maxSurge", "IntOrString"],
  },
  "apps.v1.RollingUpdateDeployment": {
    1: ["maxUnavailable", "IntOrString"],
    2: ["maxSurge", "IntOrString"],
  },
  "apps.v1.RollingUpdateStatefulSetStrategy": {
    1: ["partition", "int32", "k"],
    2: ["maxUnavailable", "IntOrString"],
  },
  "apps.v1.StatefulSet": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "apps.v1.StatefulSetSpec"],
    3: ["status", "apps.v1.StatefulSetStatus"],
  },
  "apps.v1.StatefulSetCondition": {
    1: ["type", "string", "k"],
    2: ["status", "string", "k"],
    3: ["lastTransitionTime", "Time"],
    4: ["reason", "string"],
    5: ["message", "string"],
  },
  "apps.v1.StatefulSetList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "apps.v1.StatefulSet", "r"],
  },
  "apps.v1.StatefulSetOrdinals": {
    1: ["start", "int32", "k"],
  },
  "apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy": {
    1: ["whenDeleted", "string"],
    2: ["whenScaled", "string"],
  },
  "apps.v1.StatefulSetSpec": {
    1: ["replicas", "int32", "k"],
    2: ["selector", "meta.v1.LabelSelector"],
    3: ["template", "core.v1.PodTemplateSpec"],
    4: ["volumeClaimTemplates", "core.v1.PersistentVolumeClaim", "r"],
    5: ["serviceName", "string", "k"],
    6: ["podManagementPolicy", "string"],
    7: ["updateStrategy", "apps.v1.StatefulSetUpdateStrategy"],
    8: ["revisionHistoryLimit", "int32", "k"],
    9: ["minReadySeconds", "int32"],
    10: ["persistentVolumeClaimRetentionPolicy", "apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy"],
    11: ["ordinals", "apps.v1.StatefulSetOrdinals"],
  },
  "apps.v1.StatefulSetStatus": {
    1: ["observedGeneration", "int64"],
    2: ["replicas", "int32", "k"],
    3: ["readyReplicas", "int32"],
    4: ["currentReplicas", "int32"],
    5: ["updatedReplicas", "int32"],
    6: ["currentRevision", "string"],
    7: ["updateRevision", "string"],
    9: ["collisionCount", "int32", "k"],
    10: ["conditions", "apps.v1.StatefulSetCondition", "r"],
    11: ["availableReplicas", "int32", "k"],
  },
  "apps.v1.StatefulSetUpdateStrategy": {
    1: ["type", "string"],
    2: ["rollingUpdate", "apps.v1.RollingUpdateStatefulSetStrategy"],
  },
};
