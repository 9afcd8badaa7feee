// core/v1 Event.
import { z } from "zod";
import { MicroTime, ObjectReference, Time, typeMeta } from "./meta.ts";

const CORE = "io.k8s.api.core.v1";

export const Event = z
  .object({
    ...typeMeta,
    involvedObject: ObjectReference.describe("The object that this event is about."),
    reason: z.string().optional().describe("A short, machine understandable string that gives the reason for the transition."),
    message: z.string().optional().describe("A human-readable description of the status of this operation."),
    source: z
      .object({ component: z.string().optional(), host: z.string().optional() })
      .meta({ id: `${CORE}.EventSource` })
      .optional(),
    firstTimestamp: Time.optional(),
    lastTimestamp: Time.optional(),
    count: z.int32().optional(),
    type: z.string().optional().describe("Type of this event (Normal, Warning)."),
    eventTime: MicroTime.optional(),
    series: z
      .object({ count: z.int32().optional(), lastObservedTime: MicroTime.optional() })
      .meta({ id: `${CORE}.EventSeries` })
      .optional(),
    action: z.string().optional(),
    related: ObjectReference.optional(),
    reportingComponent: z.string().optional(),
    reportingInstance: z.string().optional(),
  })
  .meta({
    id: `${CORE}.Event`,
    description: "Event is a report of an event somewhere in the cluster.",
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Event" }],
  });
export type Event = z.infer<typeof Event>;
