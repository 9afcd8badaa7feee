// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.batch.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const BATCH_V1: MessageTable = {
  "batch.v1.CronJob": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "batch.v1.CronJobSpec"],
    3: ["status", "batch.v1.CronJobStatus"],
  },
  "batch.v1.CronJobList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "batch.v1.CronJob", "r"],
  },
  "batch.v1.CronJobSpec": {
    1: ["schedule", "string", "k"],
    2: ["startingDeadlineSeconds", "int64", "k"],
    3: ["concurrencyPolicy", "string"],
    4: ["suspend", "bool", "k"],
    5: ["jobTemplate", "batch.v1.JobTemplateSpec"],
    6: ["successfulJobsHistoryLimit", "int32", "k"],
    7: ["failedJobsHistoryLimit", "int32", "k"],
    8: ["timeZone", "string", "k"],
  },
  "batch.v1.CronJobStatus": {
    1: ["active", "core.v1.ObjectReference", "r"],
    4: ["lastScheduleTime", "Time"],
    5: ["lastSuccessfulTime", "Time"],
  },
  "batch.v1.Job": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "batch.v1.JobSpec"],
    3: ["status", "batch.v1.JobStatus"],
  },
  "batch.v1.JobCondition": {
    1: ["type", "string", "k"],
    2: ["status", "string", "k"],
    3: ["lastProbeTime", "Time"],
    4: ["lastTransitionTime", "Time"],
    5: ["reason", "string"],
    6: ["message", "string"],
  },
  "batch.v1.JobList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "batch.v1.Job", "r"],
  },
  "batch.v1.JobSpec": {
    1: ["parallelism", "int32", "k"],
    2: ["completions", "int32", "k"],
    3: ["activeDeadlineSeconds", "int64", "k"],
    4: ["selector", "meta.v1.LabelSelector"],
    5: ["manualSelector", "bool", "k"],
    6: ["template", "core.v1.PodTemplateSpec"],
    7: ["backoffLimit", "int32", "k"],
    8: ["ttlSecondsAfterFinished", "int32", "k"],
    9: ["completionMode", "string", "k"],
    10: ["suspend", "bool", "k"],
    11: ["podFailurePolicy", "batch.v1.PodFailurePolicy"],
    12: ["backoffLimitPerIndex", "int32", "k"],
    13: ["maxFailedIndexes", "int32", "k"],
    14: ["podReplacementPolicy", "string", "k"],
    15: ["managedBy", "string", "k"],
    16: ["successPolicy", "batch.v1.SuccessPolicy"],
  },
  "batch.v1.JobStatus": {
    1: ["conditions", "batch.v1.JobCondition", "r"],
    2: ["startTime", "Time"],
    3: ["completionTime", "Time"],
    4: ["active", "int32"],
    5: ["succeeded", "int32"],
    6: ["failed", "int32"],
    7: ["completedIndexes", "string"],
    8: ["uncountedTerminatedPods", "batch.v1.UncountedTerminatedPods"],
    9: ["ready", "int32", "k"],
    10: ["failedIndexes", "string", "k"],
    11: ["terminating", "int32", "k"],
  },
  "batch.v1.JobTemplateSpec": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "batch.v1.JobSpec"],
  },
  "batch.v1.PodFailurePolicy": {
    1: ["rules", "batch.v1.PodFailurePolicyRule", "r"],
  },
  "batch.v1.PodFailurePolicyOnExitCodesRequirement": {
    1: ["containerName", "string", "k"],
    2: ["operator", "string", "k"],
    3: ["values", "int32", "r"],
  },
  "batch.v1.PodFailurePolicyOnPodConditionsPattern": {
    1: ["type", "string", "k"],
    2: ["status", "string", "k"],
  },
  "batch.v1.PodFailurePolicyRule": {
    1: ["action", "string", "k"],
    2: ["onExitCodes", "batch.v1.PodFailurePolicyOnExitCodesRequirement"],
    3: ["onPodConditions", "batch.v1.PodFailurePolicyOnPodConditionsPattern", "r"],
  },
  "batch.v1.SuccessPolicy": {
    1: ["rules", "batch.v1.SuccessPolicyRule", "r"],
  },
  "batch.v1.SuccessPolicyRule": {
    1: ["succeededIndexes", "string", "k"],
    2: ["succeededCount", "int32", "k"],
  },
  "batch.v1.UncountedTerminatedPods": {
    1: ["succeeded", "string", "r"],
    2: ["failed", "string", "r"],
  },
};
