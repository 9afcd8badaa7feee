// Answers `kubectl logs` requests arriving over the tunnel: finds the
// container instance (or the previous one), streams Docker's log for it as
// text chunks, honours follow/tail/since/timestamps/limitBytes, and stops on
// cancel. Docker's timestamps are RFC 3339 with nanoseconds, as kubelet's.
import { StringDecoder } from "node:string_decoder";
import type { Downstream, LogRequest, Upstream } from "../../worker/apimachinery/tunnel-protocol.ts";
import { errorMessage } from "../log.ts";
import type { Logger } from "../log.ts";
import type { ContainerRuntime, LogStream } from "../runtime/runtime.ts";

/** Sends one message up the tunnel; resolves once the socket can take more. */
export type Send = (message: Upstream) => Promise<void>;

export class LogStreams {
  private readonly active = new Map<string, LogStream>();
  private readonly cancelled = new Set<string>();

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly nodeName: string,
    private readonly log: Logger,
  ) {}

  handle(message: Downstream, send: Send): void {
    if (message.type === "cancel") {
      this.cancelled.add(message.id);
      this.active.get(message.id)?.close();
      return;
    }
    void this.stream(message, send).catch((error: unknown) => {
      this.log.warn(`logs for ${message.namespace}/${message.pod}/${message.container}: ${errorMessage(error)}`);
      void send({ type: "error", id: message.id, code: 500, message: errorMessage(error) }).catch(() => {});
    });
  }

  /** The tunnel closed: every stream through it ends. */
  closeAll(): void {
    for (const stream of this.active.values()) stream.close();
    this.active.clear();
    this.cancelled.clear();
  }

  private async stream(req: LogRequest, send: Send): Promise<void> {
    const containers = await this.runtime.listContainers(req.uid);
    const instances = containers.filter((c) => c.role !== "sandbox" && c.name === req.container).sort((a, b) => b.attempt - a.attempt || b.createdAt.getTime() - a.createdAt.getTime());
    const target = req.previous ? instances[1] : instances[0];
    if (!target) {
      const message = instances.length === 0
        ? `container "${req.container}" in pod "${req.pod}" is not present on node ${this.nodeName}`
        : `previous terminated container "${req.container}" in pod "${req.pod}" not found`;
      await send({ type: "error", id: req.id, code: instances.length === 0 ? 404 : 400, message });
      return;
    }
    const stream = await this.runtime.logs(target.id, { follow: req.follow, timestamps: req.timestamps, tailLines: req.tailLines, sinceSeconds: req.sinceSeconds });
    if (this.cancelled.delete(req.id)) {
      stream.close();
      return;
    }
    this.active.set(req.id, stream);
    const decoder = new StringDecoder("utf8");
    let sent = 0;
    try {
      for await (const chunk of stream.chunks) {
        let piece = chunk;
        if (req.limitBytes !== undefined && sent + piece.length > req.limitBytes) piece = piece.subarray(0, req.limitBytes - sent);
        sent += piece.length;
        const text = decoder.write(piece);
        if (text) await send({ type: "data", id: req.id, data: text });
        if (req.limitBytes !== undefined && sent >= req.limitBytes) break;
      }
    } catch (error) {
      // Cancel and tunnel loss close the stream under us; that is an ordinary end.
      if (!this.active.has(req.id)) return;
      throw error;
    } finally {
      this.active.delete(req.id);
      stream.close();
    }
    const rest = decoder.end();
    if (rest) await send({ type: "data", id: req.id, data: rest });
    if (!this.cancelled.delete(req.id)) await send({ type: "end", id: req.id });
  }
}
