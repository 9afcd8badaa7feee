// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.autoscaling.v2). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const AUTOSCALING_V2: MessageTable = {
  "autoscaling.v2.ContainerResourceMetricSource": {
    1: ["name", "string", "k"],
    2: ["target", "autoscaling.v2.MetricTarget"],
    3: ["container", "string", "k"],
  },
  "autoscaling.v2.ContainerResourceMetricStatus": {
    1: ["name", "string", "k"],
    2: ["current", "autoscaling.v2.MetricValueStatus"],
    3: ["container", "string", "k"],
  },
  "autoscaling.v2.CrossVersionObjectReference": {
    1: ["kind", "string", "k"],
    2: ["name", "string", "k"],
    3: ["apiVersion", "string"],
  },
  "autoscaling.v2.ExternalMetricSource": {
    1: ["metric", "autoscaling.v2.MetricIdentifier"],
    2: ["target", "autoscaling.v2.MetricTarget"],
  },
  "autoscaling.v2.ExternalMetricStatus": {
    1: ["metric", "autoscaling.v2.MetricIdentifier"],
    2: ["current", "autoscaling.v2.MetricValueStatus"],
  },
  "autoscaling.v2.HPAScalingPolicy": {
    1: ["type", "string", "k"],
    2: ["value", "int32", "k"],
    3: ["periodSeconds", "int32", "k"],
  },
  "autoscaling.v2.HPAScalingRules": {
    1: ["selectPolicy", "string", "k"],
    2: ["policies", "autoscaling.v2.HPAScalingPolicy", "r"],
    3: ["stabilizationWindowSeconds", "int32", "k"],
  },
  "autoscaling.v2.HorizontalPodAutoscaler": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "autoscaling.v2.HorizontalPodAutoscalerSpec"],
    3: ["status", "autoscaling.v2.HorizontalPodAutoscalerStatus"],
  },
  "autoscaling.v2.HorizontalPodAutoscalerBehavior": {
    1: ["scaleUp", "autoscaling.v2.HPAScalingRules"],
    2: ["scaleDown", "autoscaling.v2.HPAScalingRules"],
  },
  "autoscaling.v2.HorizontalPodAutoscalerCondition": {
    1: ["type", "string", "k"],
    2: ["status", "string", "k"],
    3: ["lastTransitionTime", "Time"],
    4: ["reason", "string"],
    5: ["message", "string"],
  },
  "autoscaling.v2.HorizontalPodAutoscalerList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "autoscaling.v2.HorizontalPodAutoscaler", "r"],
  },
  "autoscaling.v2.HorizontalPodAutoscalerSpec": {
    1: ["scaleTargetRef", "autoscaling.v2.CrossVersionObjectReference"],
    2: ["minReplicas", "int32", "k"],
    3: ["maxReplicas", "int32", "k"],
    4: ["metrics", "autoscaling.v2.MetricSpec", "r"],
    5: ["behavior", "autoscaling.v2.HorizontalPodAutoscalerBehavior"],
  },
  "autoscaling.v2.HorizontalPodAutoscalerStatus": {
    1: ["observedGeneration", "int64", "k"],
    2: ["lastScaleTime", "Time"],
    3: ["currentReplicas", "int32"],
    4: ["desiredReplicas", "int32", "k"],
    5: ["currentMetrics", "autoscaling.v2.MetricStatus", "r"],
    6: ["conditions", "autoscaling.v2.HorizontalPodAutoscalerCondition", "r"],
  },
  "autoscaling.v2.MetricIdentifier": {
    1: ["name", "string", "k"],
    2: ["selector", "meta.v1.LabelSelector"],
  },
  "autoscaling.v2.MetricSpec": {
    1: ["type", "string", "k"],
    2: ["object", "autoscaling.v2.ObjectMetricSource"],
    3: ["pods", "autoscaling.v2.PodsMetricSource"],
    4: ["resource", "autoscaling.v2.ResourceMetricSource"],
    5: ["external", "autoscaling.v2.ExternalMetricSource"],
    7: ["containerResource", "autoscaling.v2.ContainerResourceMetricSource"],
  },
  "autoscaling.v2.MetricStatus": {
    1: ["type", "string", "k"],
    2: ["object", "autoscaling.v2.ObjectMetricStatus"],
    3: ["pods", "autoscaling.v2.PodsMetricStatus"],
    4: ["resource", "autoscaling.v2.ResourceMetricStatus"],
    5: ["external", "autoscaling.v2.ExternalMetricStatus"],
    7: ["containerResource", "autoscaling.v2.ContainerResourceMetricStatus"],
  },
  "autoscaling.v2.MetricTarget": {
    1: ["type", "string", "k"],
    2: ["value", "Quantity"],
    3: ["averageValue", "Quantity"],
    4: ["averageUtilization", "int32", "k"],
  },
  "autoscaling.v2.MetricValueStatus": {
    1: ["value", "Quantity"],
    2: ["averageValue", "Quantity"],
    3: ["averageUtilization", "int32", "k"],
  },
  "autoscaling.v2.ObjectMetricSource": {
    1: ["describedObject", "autoscaling.v2.CrossVersionObjectReference"],
    2: ["target", "autoscaling.v2.MetricTarget"],
    3: ["metric", "autoscaling.v2.MetricIdentifier"],
  },
  "autoscaling.v2.ObjectMetricStatus": {
    1: ["metric", "autoscaling.v2.MetricIdentifier"],
    2: ["current", "autoscaling.v2.MetricValueStatus"],
    3: ["describedObject", "autoscaling.v2.CrossVersionObjectReference"],
  },
  "autoscaling.v2.PodsMetricSource": {
    1: ["metric", "autoscaling.v2.MetricIdentifier"],
    2: ["target", "autoscaling.v2.MetricTarget"],
  },
  "autoscaling.v2.PodsMetricStatus": {
    1: ["metric", "autoscaling.v2.MetricIdentifier"],
    2: ["current", "autoscaling.v2.MetricValueStatus"],
  },
  "autoscaling.v2.ResourceMetricSource": {
    1: ["name", "string", "k"],
    2: ["target", "autoscaling.v2.MetricTarget"],
  },
  "autoscaling.v2.ResourceMetricStatus": {
    1: ["name", "string", "k"],
    2: ["current", "autoscaling.v2.MetricValueStatus"],
  },
};
