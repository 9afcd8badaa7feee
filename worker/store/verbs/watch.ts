// Opening a watch: replay from the change log (or the current objects when no
// resourceVersion is given), then live events from the hub.
import type { KubeObject } from "../../apimachinery/object.ts";
import { apiVersionOf } from "../../apimachinery/registry.ts";
import type { Status } from "../../apimachinery/status.ts";
import { errors } from "../../apimachinery/status.ts";
import type { WatchOptions } from "../options.ts";
import type { WatchEventType, WatchHub } from "../watch-hub.ts";
import { encodeEvent, eventTypeFor } from "../watch-hub.ts";
import type { StoreContext } from "./context.ts";
import { resourceOf } from "./context.ts";
import { compileFilter } from "./filter.ts";

const DEFAULT_TIMEOUT_SECONDS = 1800;

type InitialEvent = { type: WatchEventType; object: KubeObject | Status };

export function openWatch(
  ctx: StoreContext,
  hub: WatchHub,
  plural: string,
  namespace: string | undefined,
  options: WatchOptions,
): ReadableStream<Uint8Array> {
  const r = resourceOf(plural);
  const filter = compileFilter(r, options);
  const inNamespace = (o: KubeObject) => !r.namespaced || namespace === undefined || o.metadata.namespace === namespace;
  const target = { resource: r.plural, matches: (o: KubeObject) => inNamespace(o) && filter(o) };
  const initial = initialEvents(ctx, r.plural, namespace, target, options.resourceVersion);
  if (initial.some((event) => event.type === "ERROR")) return closedStream(initial);
  const timeoutSeconds = options.timeoutSeconds && options.timeoutSeconds > 0 ? options.timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
  return hub.open(
    target,
    {
      allowBookmarks: options.allowWatchBookmarks ?? false,
      timeoutMs: timeoutSeconds * 1000,
      apiVersion: apiVersionOf(r),
      kind: r.kind,
    },
    initial,
  );
}

function initialEvents(
  ctx: StoreContext,
  resource: string,
  namespace: string | undefined,
  target: { resource: string; matches: (o: KubeObject) => boolean },
  resourceVersion: string | undefined,
): InitialEvent[] {
  const r = resourceOf(resource);
  if (!resourceVersion || resourceVersion === "0") {
    const scope = r.namespaced ? namespace : undefined;
    return [...ctx.log.scan(resource, scope)].filter(target.matches).map((object) => ({ type: "ADDED", object }));
  }
  const from = Number(resourceVersion);
  if (!Number.isInteger(from) || from < 0) {
    return [{ type: "ERROR", object: errors.badRequest(`invalid resource version: ${resourceVersion}`) }];
  }
  if (from < ctx.log.compactedRevision) {
    return [{ type: "ERROR", object: errors.gone(`too old resource version: ${from} (${ctx.log.compactedRevision})`) }];
  }
  const events: InitialEvent[] = [];
  for (const change of ctx.log.changesSince(resource, from)) {
    const type = eventTypeFor(target, change);
    if (type) events.push({ type, object: change.object });
  }
  return events;
}

/** A watch that fails before it starts answers with its ERROR event and ends. */
function closedStream(events: InitialEvent[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(encodeEvent(event.type, event.object));
      controller.close();
    },
  });
}
