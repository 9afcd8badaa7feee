// kubectl's `get -w` asks for Table watches: each event's object becomes a
// one-row Table. The store streams plain events; this rewrites them line by line.
import type { KubeObject } from "../apimachinery/object.ts";
import type { ResourceType } from "../apimachinery/registry.ts";
import { renderTableRowEvent } from "./tables/table.ts";

const ROW_EVENTS = new Set(["ADDED", "MODIFIED", "DELETED"]);

export function tableWatchStream(r: ResourceType, events: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = "";
  const rewrite = (line: string): string => {
    const event = JSON.parse(line) as { type: string; object: KubeObject };
    if (!ROW_EVENTS.has(event.type)) return line;
    return JSON.stringify({ type: event.type, object: renderTableRowEvent(r, event.object) });
  };
  return events.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true });
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        const out = lines.filter((l) => l !== "").map((l) => rewrite(l) + "\n");
        if (out.length > 0) controller.enqueue(encoder.encode(out.join("")));
      },
    }),
  );
}
