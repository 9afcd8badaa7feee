// Events as controllers and the scheduler record them: one Event per
// (object, reason, message), aggregated by bumping count and lastTimestamp,
// the way client-go's event correlator does.
import type { KubeObject } from "../apimachinery/object.ts";
import { apiVersionOf, resourceForKind } from "../apimachinery/registry.ts";
import { StatusError } from "../apimachinery/status.ts";
import { timestamp } from "../store/object-metadata.ts";
import type { StoreContext } from "../store/verbs/context.ts";
import { createObject, commitWrite } from "../store/verbs/write.ts";
import { resourceOf } from "../store/verbs/context.ts";

export type EventType = "Normal" | "Warning";

/** A stable, DNS-safe Event name for one (object, reason, message) triple. */
function eventName(object: KubeObject, reason: string, message: string): string {
  let hash = 2166136261;
  for (const ch of `${object.metadata.uid}/${reason}/${message}`) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return `${object.metadata.name}.${(hash >>> 0).toString(16).padStart(8, "0")}`;
}

/** Best effort, as in Kubernetes: an Event that cannot be written (say, in a terminating namespace) is dropped. */
export function recordEvent(
  ctx: StoreContext,
  object: KubeObject,
  type: EventType,
  reason: string,
  message: string,
  component: string,
): void {
  try {
    writeEvent(ctx, object, { type, reason, message, component });
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
  }
}

interface EventFields {
  type: EventType;
  reason: string;
  message: string;
  component: string;
}

function writeEvent(ctx: StoreContext, object: KubeObject, { type, reason, message, component }: EventFields): void {
  const namespace = object.metadata.namespace || "default";
  const name = eventName(object, reason, message);
  const now = timestamp(ctx.now());
  const events = resourceOf("events");
  const existing = ctx.log.read({ resource: "events", namespace, name });
  if (existing) {
    const updated = structuredClone(existing);
    updated.count = ((existing.count as number | undefined) ?? 1) + 1;
    updated.lastTimestamp = now;
    commitWrite(ctx, events, existing, updated, {});
    return;
  }
  const r = resourceForKind(object.apiVersion, object.kind);
  createObject(
    ctx,
    "events",
    namespace,
    {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: r ? apiVersionOf(r) : object.apiVersion,
        kind: object.kind,
        name: object.metadata.name,
        namespace: object.metadata.namespace,
        uid: object.metadata.uid,
        resourceVersion: object.metadata.resourceVersion,
      },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component },
      reportingComponent: component,
      reportingInstance: component,
    },
    {},
  );
}
