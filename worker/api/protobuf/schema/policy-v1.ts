// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.policy.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const POLICY_V1: MessageTable = {
  "policy.v1.Eviction": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["deleteOptions", "meta.v1.DeleteOptions"],
  },
  "policy.v1.PodDisruptionBudget": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "policy.v1.PodDisruptionBudgetSpec"],
    3: ["status", "policy.v1.PodDisruptionBudgetStatus"],
  },
  "policy.v1.PodDisruptionBudgetList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "policy.v1.PodDisruptionBudget", "r"],
  },
  "policy.v1.PodDisruptionBudgetSpec": {
    1: ["minAvailable", "IntOrString"],
    2: ["selector", "meta.v1.LabelSelector"],
    3: ["maxUnavailable", "IntOrString"],
    4: ["unhealthyPodEvictionPolicy", "string", "k"],
  },
  "policy.v1.PodDisruptionBudgetStatus": {
    1: ["observedGeneration", "int64"],
    2: ["disruptedPods", "Time", "m"],
    3: ["disruptionsAllowed", "int32", "k"],
    4: ["currentHealthy", "int32", "k"],
    5: ["desiredHealthy", "int32", "k"],
    6: ["expectedPods", "int32", "k"],
    7: ["conditions", "meta.v1.Condition", "r"],
  },
};
