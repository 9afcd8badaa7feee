// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.events.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const EVENTS_V1: MessageTable = {
  "events.v1.Event": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["eventTime", "MicroTime"],
    3: ["series", "events.v1.EventSeries"],
    4: ["reportingController", "string"],
    5: ["reportingInstance", "string"],
    6: ["action", "string"],
    7: ["reason", "string"],
    8: ["regarding", "core.v1.ObjectReference"],
    9: ["related", "core.v1.ObjectReference"],
    10: ["note", "string"],
    11: ["type", "string"],
    12: ["deprecatedSource", "core.v1.EventSource"],
    13: ["deprecatedFirstTimestamp", "Time"],
    14: ["deprecatedLastTimestamp", "Time"],
    15: ["deprecatedCount", "int32"],
  },
  "events.v1.EventList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "events.v1.Event", "r"],
  },
  "events.v1.EventSeries": {
    1: ["count", "int32", "k"],
    2: ["lastObservedTime", "MicroTime"],
  },
};
