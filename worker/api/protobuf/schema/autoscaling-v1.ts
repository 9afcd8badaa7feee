// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.autoscaling.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const AUTOSCALING_V1: MessageTable = {
  "autoscaling.v1.CrossVersionObjectReference": {
    1: ["kind", "string", "k"],
    2: ["name", "string", "k"],
    3: ["apiVersion", "string"],
  },
  "autoscaling.v1.HorizontalPodAutoscaler": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "autoscaling.v1.HorizontalPodAutoscalerSpec"],
    3: ["status", "autoscaling.v1.HorizontalPodAutoscalerStatus"],
  },
  "autoscaling.v1.HorizontalPodAutoscalerList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "autoscaling.v1.HorizontalPodAutoscaler", "r"],
  },
  "autoscaling.v1.HorizontalPodAutoscalerSpec": {
    1: ["scaleTargetRef", "autoscaling.v1.CrossVersionObjectReference"],
    2: ["minReplicas", "int32", "k"],
    3: ["maxReplicas", "int32", "k"],
    4: ["targetCPUUtilizationPercentage", "int32", "k"],
  },
  "autoscaling.v1.HorizontalPodAutoscalerStatus": {
    1: ["observedGeneration", "int64", "k"],
    2: ["lastScaleTime", "Time"],
    3: ["currentReplicas", "int32", "k"],
    4: ["desiredReplicas", "int32", "k"],
    5: ["currentCPUUtilizationPercentage", "int32", "k"],
  },
  "autoscaling.v1.Scale": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "autoscaling.v1.ScaleSpec"],
    3: ["status", "autoscaling.v1.ScaleStatus"],
  },
  "autoscaling.v1.ScaleSpec": {
    1: ["replicas", "int32"],
  },
  "autoscaling.v1.ScaleStatus": {
    1: ["replicas", "int32", "k"],
    2: ["selector", "string"],
  },
};
