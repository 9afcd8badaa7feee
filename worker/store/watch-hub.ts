// Fans committed changes out to open watches. Each event is serialized once
// and the same bytes go to every watcher that wants it. A watcher that stops
// reading is dropped once its backlog passes a bound, so a slow client never
// holds up the store; it re-watches from its last resourceVersion.
import type { KubeObject } from "../apimachinery/object.ts";
import type { Status } from "../apimachinery/status.ts";
import type { Change, ChangeType } from "./revision-log.ts";

export type WatchEventType = ChangeType | "BOOKMARK" | "ERROR";

export interface WatchTarget {
  resource: string;
  /** Whether an object is wanted; evaluated on each event. */
  matches: (object: KubeObject) => boolean;
}

export interface WatchSettings {
  allowBookmarks: boolean;
  timeoutMs: number;
  /** apiVersion and kind for bookmark events. */
  apiVersion: string;
  kind: string;
}

/** A change as published: `previous` lets selector watches see objects leave or enter. */
export interface PublishedChange extends Change {
  previous?: KubeObject;
}

/** Live events a watcher may queue beyond its initial replay before it is dropped. */
const MAX_BACKLOG = 10_000;
const BOOKMARK_INTERVAL_MS = 30_000;
const encoder = new TextEncoder();

export function encodeEvent(type: WatchEventType, object: KubeObject | Status): Uint8Array {
  return encoder.encode(`{"type":"${type}","object":${JSON.stringify(object)}}\n`);
}

class Watcher {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private closed = false;
  private backlogLimit = MAX_BACKLOG;
  private timeout: ReturnType<typeof setTimeout> | undefined;
  readonly stream: ReadableStream<Uint8Array>;

  constructor(
    readonly target: WatchTarget,
    readonly settings: WatchSettings,
    private readonly onClose: (w: Watcher) => void,
  ) {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => this.close(),
    });
    this.timeout = setTimeout(() => this.close(), settings.timeoutMs);
  }

  /** Events that precede live ones (replay, initial state) are never dropped. */
  sendInitial(bytes: Uint8Array): void {
    this.controller.enqueue(bytes);
    this.backlogLimit = this.queued() + MAX_BACKLOG;
  }

  send(bytes: Uint8Array): void {
    if (this.closed) return;
    if (this.queued() > this.backlogLimit) {
      this.close();
      return;
    }
    this.controller.enqueue(bytes);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timeout);
    try {
      this.controller.close();
    } catch {
      // Already cancelled by the reader.
    }
    this.onClose(this);
  }

  private queued(): number {
    return 1 - (this.controller.desiredSize ?? 1);
  }
}

export class WatchHub {
  private readonly watchers = new Set<Watcher>();
  private bookmarkTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly currentRevision: () => number) {}

  /**
   * Opens a watch. `initial` events (replayed changes, or current objects as
   * ADDED) are queued synchronously before the watcher joins, so no change
   * committed in between can be missed: the store never awaits in between.
   */
  open(target: WatchTarget, settings: WatchSettings, initial: Iterable<{ type: WatchEventType; object: KubeObject | Status }>): ReadableStream<Uint8Array> {
    const watcher = new Watcher(target, settings, (w) => this.watchers.delete(w));
    for (const event of initial) watcher.sendInitial(encodeEvent(event.type, event.object));
    this.watchers.add(watcher);
    this.ensureBookmarks();
    return watcher.stream;
  }

  publish(changes: readonly PublishedChange[]): void {
    if (this.watchers.size === 0) return;
    for (const change of changes) {
      const encoded = new Map<WatchEventType, Uint8Array>();
      for (const watcher of this.watchers) {
        if (watcher.target.resource !== change.resource) continue;
        const type = eventTypeFor(watcher.target, change);
        if (!type) continue;
        let bytes = encoded.get(type);
        if (!bytes) {
          bytes = encodeEvent(type, change.object);
          encoded.set(type, bytes);
        }
        watcher.send(bytes);
      }
    }
  }

  private ensureBookmarks(): void {
    if (this.bookmarkTimer) return;
    this.bookmarkTimer = setInterval(() => {
      if (this.watchers.size === 0) {
        clearInterval(this.bookmarkTimer);
        this.bookmarkTimer = undefined;
        return;
      }
      const resourceVersion = String(this.currentRevision());
      for (const watcher of this.watchers) {
        if (!watcher.settings.allowBookmarks) continue;
        const { apiVersion, kind } = watcher.settings;
        watcher.send(encodeEvent("BOOKMARK", { apiVersion, kind, metadata: { resourceVersion } }));
      }
    }, BOOKMARK_INTERVAL_MS);
  }
}

/** Kubernetes' rule: an object that stops matching a watch is DELETED for it, one that starts matching is ADDED. */
export function eventTypeFor(target: WatchTarget, change: PublishedChange): ChangeType | undefined {
  const nowMatches = target.matches(change.object);
  if (change.type !== "MODIFIED" || !change.previous) return nowMatches ? change.type : undefined;
  const matchedBefore = target.matches(change.previous);
  if (nowMatches) return matchedBefore ? "MODIFIED" : "ADDED";
  return matchedBefore ? "DELETED" : undefined;
}
