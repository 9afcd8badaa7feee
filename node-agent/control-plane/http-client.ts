// HTTP(S) to the control plane with the TLS choices the CLI offers (a CA
// file, or skipping verification for the local dev server's self-signed
// certificate) and keep-alive sockets, since the agent talks constantly.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import type { IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export interface TlsOptions {
  insecureSkipTlsVerify?: boolean;
  /** PEM bundle to trust instead of the system roots. */
  ca?: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: unknown;
}

/** The server could not be reached, or the exchange broke off. */
export class ConnectionError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;

export class HttpClient {
  readonly base: URL;
  readonly tls: TlsOptions;
  private readonly agent: HttpAgent | HttpsAgent;

  constructor(server: string, tls: TlsOptions = {}) {
    this.base = new URL(server);
    this.tls = tls;
    this.agent =
      this.base.protocol === "https:"
        ? new HttpsAgent({ keepAlive: true, rejectUnauthorized: !tls.insecureSkipTlsVerify, ca: tls.ca })
        : new HttpAgent({ keepAlive: true });
  }

  /** The absolute URL of an API path, keeping any path prefix of the server URL. */
  url(path: string): URL {
    const prefix = this.base.pathname.replace(/\/+$/, "");
    return new URL(`${prefix}${path}`, this.base);
  }

  /** Resolves for every HTTP status; rejects only with a ConnectionError. */
  request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const url = this.url(path);
    const body = options.body === undefined ? undefined : Buffer.from(typeof options.body === "string" ? options.body : JSON.stringify(options.body));
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (body) {
      headers["content-type"] = options.contentType ?? "application/json";
      headers["content-length"] = String(body.length);
    }
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<HttpResponse>((resolve, reject) => {
      const where = `${method} ${url.pathname}`;
      const req = send(url, { method, headers, agent: this.agent, signal: options.signal });
      const timer = setTimeout(() => req.destroy(new ConnectionError(`${where}: no answer within ${timeoutMs} ms`, "ETIMEDOUT")), timeoutMs);
      req.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (error instanceof ConnectionError) reject(error);
        else if (error.name === "AbortError") reject(new ConnectionError(`${where}: aborted`, "ABORT_ERR"));
        else reject(new ConnectionError(`${where} to ${url.host}: ${error.code ?? error.message}${tlsHint(error)}`, error.code));
      });
      req.on("response", (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => {
          clearTimeout(timer);
          reject(new ConnectionError(`${where}: response broke off: ${error.message}`));
        });
        res.on("end", () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function tlsHint(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  if (code.includes("CERT") || code === "DEPTH_ZERO_SELF_SIGNED_CERT" || code === "SELF_SIGNED_CERT_IN_CHAIN") {
    return " (the server's certificate is not trusted: pass --ca-file, or --insecure-skip-tls-verify for a local dev server)";
  }
  return "";
}
