// A stand-in for the control plane's list and watch of Services, Endpoints
// and Nodes, behaving as the worker does: one global revision, watches that
// replay from a resourceVersion, and an ERROR event with a 410 Status once
// that revision is compacted away.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Kind = "services" | "endpoints" | "nodes";

interface Obj {
  metadata: { name?: string; namespace?: string; resourceVersion?: string };
}

interface Change {
  kind: Kind;
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: Obj;
  rv: number;
}

export const FAKE_NODE_TOKEN = "node-token";

export class FakeApi {
  private revision = 1;
  private compacted = 0;
  private readonly objects: Record<Kind, Map<string, Obj>> = { services: new Map(), endpoints: new Map(), nodes: new Map() };
  private readonly history: Change[] = [];
  private readonly watchers = new Set<{ kind: Kind; res: ServerResponse }>();
  private server: Server | undefined;
  private port = 0;
  /** Requests seen, e.g. "list services", "watch nodes 12". */
  readonly requests: string[] = [];

  async start(host = "127.0.0.1", port = this.port): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, host, () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://${host}:${this.port}`;
  }

  /** Closes the listener and every open watch: the control plane is gone. */
  async stop(): Promise<void> {
    for (const w of this.watchers) w.res.destroy();
    this.watchers.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle keep-alive connections would hold close() open.
    server.closeAllConnections();
    await closed;
  }

  upsert(kind: Kind, object: Obj): void {
    const key = `${object.metadata.namespace ?? ""}/${object.metadata.name ?? ""}`;
    const type = this.objects[kind].has(key) ? "MODIFIED" : "ADDED";
    this.record(kind, type, key, object);
  }

  remove(kind: Kind, object: Obj): void {
    const key = `${object.metadata.namespace ?? ""}/${object.metadata.name ?? ""}`;
    const existing = this.objects[kind].get(key);
    if (existing) this.record(kind, "DELETED", key, existing);
  }

  /** Forgets history up to now, so a watch resuming from an older revision gets 410. */
  compact(): void {
    this.compacted = this.revision;
    this.history.length = 0;
  }

  /** Ends every open watch (as a server restart would); clients resume from their last revision. */
  dropWatches(): void {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }

  private record(kind: Kind, type: Change["type"], key: string, object: Obj): void {
    const rv = ++this.revision;
    const stored = { ...structuredClone(object), metadata: { ...object.metadata, resourceVersion: String(rv) } };
    if (type === "DELETED") this.objects[kind].delete(key);
    else this.objects[kind].set(key, stored);
    const change = { kind, type, object: stored, rv };
    this.history.push(change);
    for (const w of this.watchers) if (w.kind === kind) w.res.write(`${JSON.stringify({ type, object: stored })}\n`);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://fake");
    const match = /^\/api\/v1\/(services|endpoints|nodes)$/.exec(url.pathname);
    if (req.headers.authorization !== `Bearer ${FAKE_NODE_TOKEN}`) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ kind: "Status", code: 401, reason: "Unauthorized" }));
      return;
    }
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const kind = match[1] as Kind;
    if (url.searchParams.get("watch") !== "true") {
      this.requests.push(`list ${kind}`);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ kind: "List", metadata: { resourceVersion: String(this.revision) }, items: [...this.objects[kind].values()] }));
      return;
    }
    const from = Number(url.searchParams.get("resourceVersion") ?? "0");
    this.requests.push(`watch ${kind} ${from}`);
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    if (from < this.compacted) {
      res.end(`${JSON.stringify({ type: "ERROR", object: { kind: "Status", code: 410, reason: "Expired", message: `too old resource version: ${from} (${this.compacted})` } })}\n`);
      return;
    }
    for (const change of this.history) {
      if (change.kind === kind && change.rv > from) res.write(`${JSON.stringify({ type: change.type, object: change.object })}\n`);
    }
    const watcher = { kind, res };
    this.watchers.add(watcher);
    res.on("close", () => this.watchers.delete(watcher));
  }
}
