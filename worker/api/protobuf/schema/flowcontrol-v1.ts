// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.flowcontrol.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const FLOWCONTROL_V1: MessageTable = {
  "flowcontrol.v1.ExemptPriorityLevelConfiguration": {
    1: ["nominalConcurrencyShares", "int32", "k"],
    2: ["lendablePercent", "int32", "k"],
  },
  "flowcontrol.v1.FlowDistinguisherMethod": {
    1: ["type", "string", "k"],
  },
  "flowcontrol.v1.FlowSchema": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "flowcontrol.v1.FlowSchemaSpec"],
    3: ["status", "flowcontrol.v1.FlowSchemaStatus"],
  },
  "flowcontrol.v1.FlowSchemaCondition": {
    1: ["type", "string"],
    2: ["status", "string"],
    3: ["lastTransitionTime", "Time"],
    4: ["reason", "string"],
    5: ["message", "string"],
  },
  "flowcontrol.v1.FlowSchemaList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "flowcontrol.v1.FlowSchema", "r"],
  },
  "flowcontrol.v1.FlowSchemaSpec": {
    1: ["priorityLevelConfiguration", "flowcontrol.v1.PriorityLevelConfigurationReference"],
    2: ["matchingPrecedence", "int32", "k"],
    3: ["distinguisherMethod", "flowcontrol.v1.FlowDistinguisherMethod"],
    4: ["rules", "flowcontrol.v1.PolicyRulesWithSubjects", "r"],
  },
  "flowcontrol.v1.FlowSchemaStatus": {
    1: ["conditions", "flowcontrol.v1.FlowSchemaCondition", "r"],
  },
  "flowcontrol.v1.GroupSubject": {
    1: ["name", "string", "k"],
  },
  "flowcontrol.v1.LimitResponse": {
    1: ["type", "string", "k"],
    2: ["queuing", "flowcontrol.v1.QueuingConfiguration"],
  },
  "flowcontrol.v1.LimitedPriorityLevelConfiguration": {
    1: ["nominalConcurrencyShares", "int32", "k"],
    2: ["limitResponse", "flowcontrol.v1.LimitResponse"],
    3: ["lendablePercent", "int32", "k"],
    4: ["borrowingLimitPercent", "int32", "k"],
  },
  "flowcontrol.v1.NonResourcePolicyRule": {
    1: ["verbs", "string", "r"],
    6: ["nonResourceURLs", "string", "r"],
  },
  "flowcontrol.v1.PolicyRulesWithSubjects": {
    1: ["subjects", "flowcontrol.v1.Subject", "r"],
    2: ["resourceRules", "flowcontrol.v1.ResourcePolicyRule", "r"],
    3: ["nonResourceRules", "flowcontrol.v1.NonResourcePolicyRule", "r"],
  },
  "flowcontrol.v1.PriorityLevelConfiguration": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "flowcontrol.v1.PriorityLevelConfigurationSpec"],
    3: ["status", "flowcontrol.v1.PriorityLevelConfigurationStatus"],
  },
  "flowcontrol.v1.PriorityLevelConfigurationCondition": {
    1: ["type", "string"],
    2: ["status", "string"],
    3: ["lastTransitionTime", "Time"],
    4: ["reason", "string"],
    5: ["message", "string"],
  },
  "flowcontrol.v1.PriorityLevelConfigurationList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "flowcontrol.v1.PriorityLevelConfiguration", "r"],
  },
  "flowcontrol.v1.PriorityLevelConfigurationReference": {
    1: ["name", "string", "k"],
  },
  "flowcontrol.v1.PriorityLevelConfigurationSpec": {
    1: ["type", "string", "k"],
    2: ["limited", "flowcontrol.v1.LimitedPriorityLevelConfiguration"],
    3: ["exempt", "flowcontrol.v1.ExemptPriorityLevelConfiguration"],
  },
  "flowcontrol.v1.PriorityLevelConfigurationStatus": {
    1: ["conditions", "flowcontrol.v1.PriorityLevelConfigurationCondition", "r"],
  },
  "flowcontrol.v1.QueuingConfiguration": {
    1: ["queues", "int32", "k"],
    2: ["handSize", "int32", "k"],
    3: ["queueLengthLimit", "int32", "k"],
  },
  "flowcontrol.v1.ResourcePolicyRule": {
    1: ["verbs", "string", "r"],
    2: ["apiGroups", "string", "r"],
    3: ["resources", "string", "r"],
    4: ["clusterScope", "bool"],
    5: ["namespaces", "string", "r"],
  },
  "flowcontrol.v1.ServiceAccountSubject": {
    1: ["namespace", "string", "k"],
    2: ["name", "string", "k"],
  },
  "flowcontrol.v1.Subject": {
    1: ["kind", "string", "k"],
    2: ["user", "flowcontrol.v1.UserSubject"],
    3: ["group", "flowcontrol.v1.GroupSubject"],
    4: ["serviceAccount", "flowcontrol.v1.ServiceAccountSubject"],
  },
  "flowcontrol.v1.UserSubject": {
    1: ["name", "string", "k"],
  },
};
