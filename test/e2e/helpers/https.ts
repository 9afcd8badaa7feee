// Raw HTTPS requests to the local API. Its certificate is self-signed, so
// verification is off here, as `curl -k` would do.
import { Agent, request } from "node:https";
import { inject } from "vitest";

const agent = new Agent({ rejectUnauthorized: false });

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = unknown>(): T;
}

export function api(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; token?: string | null } = {},
): Promise<HttpResponse> {
  const cluster = inject("cluster");
  const token = options.token === undefined ? cluster.token : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, cluster.server), { method, agent, headers, timeout: 30_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T }),
      );
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on("error", reject);
    req.end(options.body);
  });
}
