// A keep-alive HTTPS client for benchmarks against the local control plane,
// whose certificate is self-signed (benchmarks only ever talk to loopback).
import { Agent, request } from "node:https";

export interface HttpResult {
  status: number;
  body: string;
}

export class BenchClient {
  private readonly agent: Agent;

  constructor(
    private readonly server: string,
    private readonly token: string,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, rejectUnauthorized: false });
  }

  send(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<HttpResult> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.server),
        {
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload ? { "content-type": contentType, "content-length": Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
