// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.scheduling.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const SCHEDULING_V1: MessageTable = {
  "scheduling.v1.PriorityClass": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["value", "int32", "k"],
    3: ["globalDefault", "bool"],
    4: ["description", "string"],
    5: ["preemptionPolicy", "string", "k"],
  },
  "scheduling.v1.PriorityClassList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "scheduling.v1.PriorityClass", "r"],
  },
};
