// The control plane's end of the agents' tunnels: one WebSocket per node,
// accepted with the hibernation API and tagged with the node's name. A logs
// request becomes a message down the tunnel; the agent's answers are piped
// into the HTTP response as they arrive.
import type { Downstream, LogRequest } from "../apimachinery/tunnel-protocol.ts";
import { UpstreamSchema } from "../apimachinery/tunnel-protocol.ts";

interface PendingStream {
  socket: WebSocket;
  controller: ReadableStreamDefaultController<Uint8Array>;
}

const encoder = new TextEncoder();

export class NodeTunnels {
  private readonly pending = new Map<string, PendingStream>();

  constructor(private readonly state: DurableObjectState) {}

  /** Accepts an agent's WebSocket; a newer tunnel from the same node replaces the old one. */
  accept(nodeName: string): Response {
    for (const old of this.state.getWebSockets(nodeName)) old.close(1012, "replaced by a newer tunnel");
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server, [nodeName]);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Streams a container's log; undefined when the node has no tunnel open. */
  logs(nodeName: string, request: Omit<LogRequest, "type" | "id">): ReadableStream<Uint8Array> | undefined {
    const socket = this.state.getWebSockets(nodeName)[0];
    if (!socket) return undefined;
    const id = crypto.randomUUID();
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.pending.set(id, { socket, controller });
        this.send(socket, { type: "logs", id, ...request });
      },
      cancel: () => {
        if (this.pending.delete(id)) this.send(socket, { type: "cancel", id });
      },
    });
  }

  onMessage(message: string | ArrayBuffer): void {
    const text = typeof message === "string" ? message : new TextDecoder().decode(message);
    let parsed;
    try {
      parsed = UpstreamSchema.safeParse(JSON.parse(text));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const upstream = parsed.data;
    const stream = this.pending.get(upstream.id);
    if (!stream) return;
    if (upstream.type === "data") {
      stream.controller.enqueue(encoder.encode(upstream.data));
      return;
    }
    this.pending.delete(upstream.id);
    if (upstream.type === "error") stream.controller.enqueue(encoder.encode(`error: ${upstream.message}\n`));
    stream.controller.close();
  }

  /** A closed tunnel ends every stream that was flowing through it. */
  onClose(socket: WebSocket): void {
    for (const [id, stream] of this.pending) {
      if (stream.socket !== socket) continue;
      this.pending.delete(id);
      stream.controller.close();
    }
  }

  private send(socket: WebSocket, message: Downstream): void {
    socket.send(JSON.stringify(message));
  }
}
