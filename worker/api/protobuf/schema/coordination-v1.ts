// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.coordination.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const COORDINATION_V1: MessageTable = {
  "coordination.v1.Lease": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "coordination.v1.LeaseSpec"],
  },
  "coordination.v1.LeaseList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "coordination.v1.Lease", "r"],
  },
  "coordination.v1.LeaseSpec": {
    1: ["holderIdentity", "string", "k"],
    2: ["leaseDurationSeconds", "int32", "k"],
    3: ["acquireTime", "MicroTime"],
    4: ["renewTime", "MicroTime"],
    5: ["leaseTransitions", "int32", "k"],
    6: ["strategy", "string", "k"],
    7: ["preferredHolder", "string", "k"],
  },
};
