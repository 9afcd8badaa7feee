// Events: printEvent. LAST SEEN falls back to FIRST SEEN, which falls back to
// eventTime (events written through events.k8s.io carry only that), and a
// series overrides both count and last-seen.
import type { KubeObject } from "../../apimachinery/object.ts";
import { since } from "./age.ts";
import { NAME_COLUMN, column } from "./columns.ts";
import type { Printer, TableCell } from "./columns.ts";
import { int, obj, str } from "./read.ts";

export const eventPrinter: Printer = {
  columns: [
    column("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
    column("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
    column("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    column("Object", "The object that this event is about."),
    column("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].", {
      priority: 1,
    }),
    column("Source", "The component reporting this event. Should be a short machine understandable string.", { priority: 1 }),
    column("Message", "A human-readable description of the status of this operation."),
    column("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", {
      priority: 1,
    }),
    column("Count", "The number of times this event has occurred.", { priority: 1 }),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells(o: KubeObject, now: number): TableCell[] {
    const firstSeen = str(o.firstTimestamp) !== "" ? since(o.firstTimestamp, now) : since(o.eventTime, now);
    let lastSeen = str(o.lastTimestamp) !== "" ? since(o.lastTimestamp, now) : firstSeen;
    let count = int(o.count);
    if (o.series !== undefined && o.series !== null) {
      const series = obj(o.series);
      lastSeen = since(series.lastObservedTime, now);
      count = int(series.count);
    } else if (count === 0) {
      // Singleton events written through events.k8s.io carry no count.
      count = 1;
    }
    const involved = obj(o.involvedObject);
    const kind = str(involved.kind).toLowerCase();
    const target = str(involved.name) !== "" ? `${kind}/${str(involved.name)}` : kind;
    const source = obj(o.source);
    const component = str(source.component) || str(o.reportingComponent);
    const instance = str(source.host) || str(o.reportingInstance);
    return [
      lastSeen,
      str(o.type),
      str(o.reason),
      target,
      str(involved.fieldPath),
      instance === "" ? component : `${component}, ${instance}`,
      str(o.message).trim(),
      firstSeen,
      count,
      str(o.metadata.name),
    ];
  },
};
