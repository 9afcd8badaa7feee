// Services, Endpoints and Nodes from the control plane, with the node's own
// credential: list, then watch from the list's resourceVersion; re-list on
// 410 Gone; back off while the control plane is unreachable. The last known
// state stays in ClusterState meanwhile, so rules and DNS keep working.
import type { Endpoints, Node, Service } from "../../worker/schema/kinds.ts";
import type { HttpClient } from "../control-plane/http-client.ts";
import type { Logger } from "../log.ts";
import { errorMessage } from "../log.ts";
import type { ClusterState, ResourceKind } from "./cluster-state.ts";
import { WatchStreamer } from "./watch-stream.ts";
import type { WatchEvent } from "./watch-stream.ts";

/** The node credential as the watch needs it (KubeClient provides both). */
export interface TokenSource {
  token(): Promise<string>;
  renewToken(rejected: string): Promise<string>;
}

export interface WatchTiming {
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Server-side watch timeout; the watch is then resumed from the last resourceVersion. */
  watchSeconds: number;
}

export const DEFAULT_WATCH_TIMING: WatchTiming = { initialBackoffMs: 500, maxBackoffMs: 30_000, watchSeconds: 300 };

const KINDS: ResourceKind[] = ["services", "endpoints", "nodes"];

type AnyObject = Service | Endpoints | Node;

interface ListBody {
  metadata?: { resourceVersion?: string };
  items?: AnyObject[];
}

class Gone extends Error {}

export class ClusterWatch {
  private readonly streamer: WatchStreamer;
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly listed = new Set<ResourceKind>();
  private syncedResolve: (() => void) | undefined;
  readonly synced: Promise<void>;
  /** Counts for tests and logs: how often each kind was (re-)listed. */
  readonly lists: Record<ResourceKind, number> = { services: 0, endpoints: 0, nodes: 0 };

  constructor(
    private readonly http: HttpClient,
    private readonly tokens: TokenSource,
    private readonly state: ClusterState,
    private readonly log: Logger,
    private readonly timing: WatchTiming = DEFAULT_WATCH_TIMING,
  ) {
    this.streamer = new WatchStreamer(http);
    this.synced = new Promise((resolve) => (this.syncedResolve = resolve));
  }

  start(): void {
    for (const kind of KINDS) this.loops.push(this.run(kind));
  }

  private async run(kind: ResourceKind): Promise<void> {
    let resourceVersion: string | undefined;
    let backoff = this.timing.initialBackoffMs;
    let failing = false;
    while (!this.abort.signal.aborted) {
      try {
        if (!resourceVersion) resourceVersion = await this.list(kind);
        const started = Date.now();
        const before = resourceVersion;
        resourceVersion = await this.watchOnce(kind, resourceVersion, (rv) => (resourceVersion = rv));
        // A server that ends watches at once without news must not turn this into a busy loop.
        if (resourceVersion === before && Date.now() - started < 1000) await this.sleep(this.timing.initialBackoffMs);
        backoff = this.timing.initialBackoffMs;
        if (failing) this.log.info(`${kind}: watching again`);
        failing = false;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        if (error instanceof Gone) {
          // Our resourceVersion was compacted away: start over from a fresh list.
          this.log.info(`${kind}: resourceVersion ${resourceVersion} is gone; listing again`);
          resourceVersion = undefined;
          continue;
        }
        if (!failing) this.log.warn(`${kind}: ${errorMessage(error)}; keeping the last known state and retrying`);
        failing = true;
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.timing.maxBackoffMs);
      }
    }
  }

  private async list(kind: ResourceKind): Promise<string> {
    const path = `/api/v1/${kind}`;
    const token = await this.tokens.token();
    let res = await this.http.request("GET", path, { token, signal: this.abort.signal });
    if (res.status === 401) res = await this.http.request("GET", path, { token: await this.tokens.renewToken(token), signal: this.abort.signal });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text.slice(0, 200)}`);
    const body = res.json as ListBody;
    const rv = body.metadata?.resourceVersion;
    if (!rv || !Array.isArray(body.items)) throw new Error(`GET ${path}: not a list`);
    this.state.replaceAll(kind, body.items);
    this.lists[kind]++;
    this.listed.add(kind);
    if (this.listed.size === KINDS.length) this.syncedResolve?.();
    return rv;
  }

  /** One watch request; returns the resourceVersion to resume from. */
  private async watchOnce(kind: ResourceKind, from: string, progress: (rv: string) => void): Promise<string> {
    let rv = from;
    const query = new URLSearchParams({ watch: "true", resourceVersion: from, allowWatchBookmarks: "true", timeoutSeconds: String(this.timing.watchSeconds) });
    const path = `/api/v1/${kind}?${query}`;
    let gone = false;
    const onEvent = (event: WatchEvent) => {
      const object = event.object;
      if (event.type === "ERROR") {
        if (object.code === 410) gone = true;
        else throw new Error(`watch ${kind}: ${object.code ?? "?"} ${object.message ?? ""}`);
        return;
      }
      const next = object.metadata?.resourceVersion;
      // The server sends objects of the watched kind; the event's JSON is only typed loosely.
      if (event.type === "ADDED" || event.type === "MODIFIED") this.state.upsert(kind, object as unknown as AnyObject);
      else if (event.type === "DELETED") this.state.remove(kind, object as unknown as AnyObject);
      if (next) {
        rv = next;
        progress(next);
      }
    };
    const token = await this.tokens.token();
    const idleMs = (this.timing.watchSeconds + 30) * 1000;
    let outcome = await this.streamer.watch(path, token, onEvent, this.abort.signal, idleMs);
    if (outcome.status === 401) outcome = await this.streamer.watch(path, await this.tokens.renewToken(token), onEvent, this.abort.signal, idleMs);
    if (outcome.status === 410 || gone) throw new Gone();
    if (outcome.status !== 200) throw new Error(`watch ${kind}: ${outcome.status} ${outcome.text.slice(0, 200)}`);
    return rv;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
    this.streamer.close();
  }
}

