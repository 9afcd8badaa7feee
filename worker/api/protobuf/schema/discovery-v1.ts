// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.discovery.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const DISCOVERY_V1: MessageTable = {
  "discovery.v1.Endpoint": {
    1: ["addresses", "string", "r"],
    2: ["conditions", "discovery.v1.EndpointConditions"],
    3: ["hostname", "string", "k"],
    4: ["targetRef", "core.v1.ObjectReference"],
    5: ["deprecatedTopology", "string", "m"],
    6: ["nodeName", "string", "k"],
    7: ["zone", "string", "k"],
    8: ["hints", "discovery.v1.EndpointHints"],
  },
  "discovery.v1.EndpointConditions": {
    1: ["ready", "bool", "k"],
    2: ["serving", "bool", "k"],
    3: ["terminating", "bool", "k"],
  },
  "discovery.v1.EndpointHints": {
    1: ["forZones", "discovery.v1.ForZone", "r"],
  },
  "discovery.v1.EndpointPort": {
    1: ["name", "string", "k"],
    2: ["protocol", "string", "k"],
    3: ["port", "int32", "k"],
    4: ["appProtocol", "string", "k"],
  },
  "discovery.v1.EndpointSlice": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["endpoints", "discovery.v1.Endpoint", "r"],
    3: ["ports", "discovery.v1.EndpointPort", "r"],
    4: ["addressType", "string", "k"],
  },
  "discovery.v1.EndpointSliceList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "discovery.v1.EndpointSlice", "r"],
  },
  "discovery.v1.ForZone": {
    1: ["name", "string", "k"],
  },
};
