// The agent's own connection to the control plane, which carries requests
// that need the node (logs now) without the node accepting any inbound
// connection. Reconnects with back-off; a ping every 30 s detects a dead peer.
import WebSocket from "ws";
import type { RawData } from "ws";
import { DownstreamSchema, TUNNEL_PATH } from "../../worker/apimachinery/tunnel-protocol.ts";
import type { Downstream, Upstream } from "../../worker/apimachinery/tunnel-protocol.ts";
import type { KubeClient } from "../control-plane/kube-client.ts";
import type { HttpClient } from "../control-plane/http-client.ts";
import { errorMessage } from "../log.ts";
import type { Logger } from "../log.ts";
import { RetryDelay } from "../util/backoff.ts";
import { sleep } from "../util/time.ts";

const PING_MS = 30_000;
/** Above this much unsent data, senders wait: a slow reader must not balloon memory. */
const HIGH_WATER = 1024 * 1024;

export interface TunnelHandler {
  handle(message: Downstream, send: (message: Upstream) => Promise<void>): void;
  closeAll(): void;
}

export class TunnelClient {
  private readonly abort = new AbortController();
  private socket: WebSocket | undefined;
  private running: Promise<void> | undefined;
  /** Resolves the first time the tunnel opens (tests wait on it). */
  readonly opened: Promise<void>;
  private markOpened: () => void = () => {};

  constructor(
    private readonly http: HttpClient,
    private readonly client: KubeClient,
    private readonly nodeName: string,
    private readonly handler: TunnelHandler,
    private readonly log: Logger,
  ) {
    this.opened = new Promise((resolve) => {
      this.markOpened = resolve;
    });
  }

  start(): void {
    this.running ??= this.run();
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  private url(): string {
    const url = this.http.url(TUNNEL_PATH(this.nodeName));
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    return url.toString();
  }

  private async run(): Promise<void> {
    const retry = new RetryDelay();
    let failures = 0;
    while (!this.abort.signal.aborted) {
      const outcome = await this.connectOnce().catch((error: unknown) => ({ opened: false, error: errorMessage(error) }));
      if (this.abort.signal.aborted) break;
      if (outcome.opened) {
        retry.reset();
        failures = 0;
      } else if (failures++ === 0 || failures % 10 === 0) {
        this.log.warn(`logs tunnel: ${outcome.error ?? "could not connect"}; retrying`);
      }
      await sleep(retry.next(), this.abort.signal);
    }
  }

  /** One connection, until it closes. */
  private async connectOnce(): Promise<{ opened: boolean; error?: string }> {
    const token = await this.client.token();
    const tls = this.http.tls;
    const socket = new WebSocket(this.url(), {
      headers: { authorization: `Bearer ${token}` },
      rejectUnauthorized: !tls.insecureSkipTlsVerify,
      ca: tls.ca,
      handshakeTimeout: 15_000,
    });
    this.socket = socket;
    return new Promise((resolve) => {
      let opened = false;
      let error: string | undefined;
      let alive = true;
      let pinger: NodeJS.Timeout | undefined;
      const onAbort = () => socket.terminate();
      this.abort.signal.addEventListener("abort", onAbort, { once: true });
      socket.on("unexpected-response", (_req, res) => {
        error = `the control plane answered the tunnel upgrade with HTTP ${res.statusCode}`;
        if (res.statusCode === 401) void this.client.renewToken(token).catch(() => {});
        socket.terminate();
      });
      socket.on("open", () => {
        opened = true;
        this.log.info("logs tunnel open");
        this.markOpened();
        pinger = setInterval(() => {
          if (!alive) return socket.terminate();
          alive = false;
          socket.ping();
        }, PING_MS);
      });
      socket.on("pong", () => {
        alive = true;
      });
      socket.on("message", (data: RawData) => {
        alive = true;
        this.receive(socket, data);
      });
      socket.on("error", (err) => {
        error ??= err.message;
      });
      socket.on("close", (code) => {
        clearInterval(pinger);
        this.abort.signal.removeEventListener("abort", onAbort);
        this.handler.closeAll();
        if (opened && !this.abort.signal.aborted) this.log.warn(`logs tunnel closed (code ${code}); reconnecting`);
        resolve({ opened, error });
      });
    });
  }

  private receive(socket: WebSocket, data: RawData): void {
    let parsed;
    try {
      parsed = DownstreamSchema.safeParse(JSON.parse(data.toString()));
    } catch {
      return;
    }
    if (!parsed.success) {
      this.log.debug(`logs tunnel: ignoring an unknown message (${parsed.error.issues[0]?.message ?? "invalid"})`);
      return;
    }
    this.handler.handle(parsed.data, (message) => this.send(socket, message));
  }

  private async send(socket: WebSocket, message: Upstream): Promise<void> {
    if (socket.readyState !== WebSocket.OPEN) throw new Error("the logs tunnel closed");
    socket.send(JSON.stringify(message));
    while (socket.bufferedAmount > HIGH_WATER && socket.readyState === WebSocket.OPEN) await sleep(20);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.socket?.terminate();
    await this.running;
  }
}
