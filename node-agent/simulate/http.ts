// One keep-alive HTTP(S) agent shared by every hollow node in the process:
// thousands of simulated nodes must not open thousands of TLS sessions each.
// TEST TOOL: simulated nodes only; the real agent uses control-plane/http-client.ts.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export interface SimResponse {
  status: number;
  text: string;
}

export interface SimHttpOptions {
  /** Accept the local dev server's self-signed certificate. */
  insecureSkipTlsVerify: boolean;
  /** Sockets kept open; long-polls hold one each while they wait. */
  maxSockets: number;
}

export class SimHttp {
  private readonly base: URL;
  private readonly agent: HttpAgent | HttpsAgent;

  constructor(server: string, options: SimHttpOptions) {
    this.base = new URL(server);
    const common = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets };
    this.agent = this.base.protocol === "https:" ? new HttpsAgent({ ...common, rejectUnauthorized: !options.insecureSkipTlsVerify }) : new HttpAgent(common);
  }

  /** Resolves for every HTTP status; rejects on connection errors and timeouts. */
  request(method: string, path: string, token: string, body?: unknown, contentType = "application/json", timeoutMs = 30_000, signal?: AbortSignal): Promise<SimResponse> {
    const prefix = this.base.pathname.replace(/\/+$/, "");
    const url = new URL(`${prefix}${path}`, this.base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${token}` };
    if (payload) {
      headers["content-type"] = contentType;
      headers["content-length"] = String(payload.length);
    }
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, { method, headers, agent: this.agent, signal });
      const timer = setTimeout(() => req.destroy(new Error(`${method} ${url.pathname}: no answer within ${timeoutMs} ms`)), timeoutMs);
      req.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => {
          clearTimeout(timer);
          reject(error);
        });
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
        });
      });
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
