// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.node.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const NODE_V1: MessageTable = {
  "node.v1.Overhead": {
    1: ["podFixed", "Quantity", "m"],
  },
  "node.v1.RuntimeClass": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["handler", "string", "k"],
    3: ["overhead", "node.v1.Overhead"],
    4: ["scheduling", "node.v1.Scheduling"],
  },
  "node.v1.RuntimeClassList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "node.v1.RuntimeClass", "r"],
  },
  "node.v1.Scheduling": {
    1: ["nodeSelector", "string", "m"],
    2: ["tolerations", "core.v1.Toleration", "r"],
  },
};
