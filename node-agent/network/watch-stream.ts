// A Kubernetes watch over HTTP(S): the answer is newline-delimited JSON
// events for as long as the server keeps the request open. HttpClient buffers
// whole bodies, so watches get this small streaming request of their own,
// with the same server URL and TLS choices.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import type { IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { ConnectionError } from "../control-plane/http-client.ts";
import type { HttpClient } from "../control-plane/http-client.ts";

export interface WatchEvent {
  type: string;
  object: { metadata?: { resourceVersion?: string }; code?: number; reason?: string; message?: string } & Record<string, unknown>;
}

export interface WatchOutcome {
  /** The HTTP status; for non-200 the body is in `text`. */
  status: number;
  text: string;
}

export class WatchStreamer {
  private readonly agent: HttpAgent | HttpsAgent;

  constructor(private readonly http: HttpClient) {
    this.agent = http.base.protocol === "https:"
      ? new HttpsAgent({ keepAlive: true, rejectUnauthorized: !http.tls.insecureSkipTlsVerify, ca: http.tls.ca })
      : new HttpAgent({ keepAlive: true });
  }

  /**
   * Streams events to `onEvent` until the server ends the watch, the
   * connection stays silent for `idleMs`, or `signal` aborts.
   */
  watch(path: string, token: string, onEvent: (event: WatchEvent) => void, signal: AbortSignal, idleMs: number): Promise<WatchOutcome> {
    const url = this.http.url(path);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<WatchOutcome>((resolve, reject) => {
      const req = send(url, { method: "GET", headers: { accept: "application/json", authorization: `Bearer ${token}` }, agent: this.agent, signal });
      req.setTimeout(idleMs, () => req.destroy(new ConnectionError(`watch ${url.pathname}: silent for ${idleMs} ms`, "ETIMEDOUT")));
      req.on("error", (error: NodeJS.ErrnoException) => reject(error instanceof ConnectionError ? error : new ConnectionError(`watch ${url.pathname}: ${error.code ?? error.message}`, error.code)));
      req.on("response", (res: IncomingMessage) => {
        let pending = "";
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (res.statusCode !== 200) {
            text += chunk;
            return;
          }
          pending += chunk;
          let newline = pending.indexOf("\n");
          while (newline >= 0) {
            const line = pending.slice(0, newline).trim();
            pending = pending.slice(newline + 1);
            if (line) {
              try {
                onEvent(JSON.parse(line) as WatchEvent);
              } catch (error) {
                req.destroy(error as Error);
                return;
              }
            }
            newline = pending.indexOf("\n");
          }
        });
        res.on("error", (error) => reject(new ConnectionError(`watch ${url.pathname}: ${error.message}`)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
