// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.apimachinery.pkg.apis.meta.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const META_V1: MessageTable = {
  "meta.v1.Condition": {
    1: ["type", "string", "k"],
    2: ["status", "string", "k"],
    3: ["observedGeneration", "int64"],
    4: ["lastTransitionTime", "Time"],
    5: ["reason", "string", "k"],
    6: ["message", "string", "k"],
  },
  "meta.v1.CreateOptions": {
    1: ["dryRun", "string", "r"],
    3: ["fieldManager", "string"],
    4: ["fieldValidation", "string"],
  },
  "meta.v1.DeleteOptions": {
    1: ["gracePeriodSeconds", "int64", "k"],
    2: ["preconditions", "meta.v1.Preconditions"],
    3: ["orphanDependents", "bool", "k"],
    4: ["propagationPolicy", "string", "k"],
    5: ["dryRun", "string", "r"],
    6: ["ignoreStoreReadErrorWithClusterBreakingPotential", "bool", "k"],
  },
  "meta.v1.FieldSelectorRequirement": {
    1: ["key", "string", "k"],
    2: ["operator", "string", "k"],
    3: ["values", "string", "r"],
  },
  "meta.v1.LabelSelector": {
    1: ["matchLabels", "string", "m"],
    2: ["matchExpressions", "meta.v1.LabelSelectorRequirement", "r"],
  },
  "meta.v1.LabelSelectorRequirement": {
    1: ["key", "string", "k"],
    2: ["operator", "string", "k"],
    3: ["values", "string", "r"],
  },
  "meta.v1.ListMeta": {
    1: ["selfLink", "string"],
    2: ["resourceVersion", "string"],
    3: ["continue", "string"],
    4: ["remainingItemCount", "int64", "k"],
  },
  "meta.v1.ManagedFieldsEntry": {
    1: ["manager", "string"],
    2: ["operation", "string"],
    3: ["apiVersion", "string"],
    4: ["time", "Time"],
    6: ["fieldsType", "string"],
    7: ["fieldsV1", "RawJSON"],
    8: ["subresource", "string"],
  },
  "meta.v1.ObjectMeta": {
    1: ["name", "string"],
    2: ["generateName", "string"],
    3: ["namespace", "string"],
    4: ["selfLink", "string"],
    5: ["uid", "string"],
    6: ["resourceVersion", "string"],
    7: ["generation", "int64"],
    8: ["creationTimestamp", "Time"],
    9: ["deletionTimestamp", "Time"],
    10: ["deletionGracePeriodSeconds", "int64", "k"],
    11: ["labels", "string", "m"],
    12: ["annotations", "string", "m"],
    13: ["ownerReferences", "meta.v1.OwnerReference", "r"],
    14: ["finalizers", "string", "r"],
    17: ["managedFields", "meta.v1.ManagedFieldsEntry", "r"],
  },
  "meta.v1.OwnerReference": {
    1: ["kind", "string", "k"],
    3: ["name", "string", "k"],
    4: ["uid", "string", "k"],
    5: ["apiVersion", "string", "k"],
    6: ["controller", "bool", "k"],
    7: ["blockOwnerDeletion", "bool", "k"],
  },
  "meta.v1.PatchOptions": {
    1: ["dryRun", "string", "r"],
    2: ["force", "bool", "k"],
    3: ["fieldManager", "string"],
    4: ["fieldValidation", "string"],
  },
  "meta.v1.Preconditions": {
    1: ["uid", "string", "k"],
    2: ["resourceVersion", "string", "k"],
  },
  "meta.v1.Status": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["status", "string"],
    3: ["message", "string"],
    4: ["reason", "string"],
    5: ["details", "meta.v1.StatusDetails"],
    6: ["code", "int32"],
  },
  "meta.v1.StatusCause": {
    1: ["reason", "string"],
    2: ["message", "string"],
    3: ["field", "string"],
  },
  "meta.v1.StatusDetails": {
    1: ["name", "string"],
    2: ["group", "string"],
    3: ["kind", "string"],
    4: ["causes", "meta.v1.StatusCause", "r"],
    5: ["retryAfterSeconds", "int32"],
    6: ["uid", "string"],
  },
  "meta.v1.UpdateOptions": {
    1: ["dryRun", "string", "r"],
    2: ["fieldManager", "string"],
    3: ["fieldValidation", "string"],
  },
  "meta.v1.WatchEvent": {
    1: ["type", "string", "k"],
    2: ["object", "RawJSON"],
  },
};
