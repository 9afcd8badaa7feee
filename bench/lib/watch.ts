// A Kubernetes watch (newline-delimited JSON events) for benchmarks that
// time when objects reach a state, read as events arrive instead of by
// re-listing thousands of objects.
import { Agent, request } from "node:https";
import type { IncomingMessage } from "node:http";

export interface WatchEvent {
  type: string;
  object: { metadata?: { uid?: string; name?: string; resourceVersion?: string }; spec?: Record<string, unknown>; status?: Record<string, unknown> };
}

export interface Watch {
  /** Resolves when the stream ends (server timeout, stop()). */
  ended: Promise<void>;
  stop(): void;
}

export function watch(server: string, token: string, path: string, onEvent: (event: WatchEvent, receivedAt: number) => void): Watch {
  const agent = new Agent({ keepAlive: false, rejectUnauthorized: false });
  let response: IncomingMessage | undefined;
  const req = request(new URL(path, server), { method: "GET", agent, headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
  const ended = new Promise<void>((resolve, reject) => {
    req.on("error", (error) => (response ? resolve() : reject(error)));
    req.on("response", (res) => {
      response = res;
      if (res.statusCode !== 200) {
        reject(new Error(`watch ${path}: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      let buffered = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const receivedAt = performance.now();
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) onEvent(JSON.parse(line) as WatchEvent, receivedAt);
        }
      });
      res.on("end", () => resolve());
      res.on("close", () => resolve());
      res.on("error", () => resolve());
    });
    req.end();
  });
  return {
    ended,
    stop() {
      req.destroy();
      agent.destroy();
    },
  };
}
