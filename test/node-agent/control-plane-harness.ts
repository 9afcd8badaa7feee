// A real local control plane for the agent's integration tests, started
// through the same code path as `npm start` (wrangler dev over https with
// generated secrets), plus an admin client for the test's own API calls.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startControlPlane } from "../../scripts/lib/control-plane.ts";
import type { ControlPlane } from "../../scripts/lib/control-plane.ts";
import { clusterPaths, repoRoot } from "../../scripts/lib/paths.ts";
import { freePort } from "../../scripts/lib/ports.ts";
import { HttpClient } from "../../node-agent/control-plane/http-client.ts";
import type { HttpResponse } from "../../node-agent/control-plane/http-client.ts";

export interface LocalCluster {
  server: string;
  joinToken: string;
  adminToken: string;
  admin: AdminClient;
  stop(): Promise<void>;
}

export class AdminClient {
  readonly http: HttpClient;

  constructor(
    server: string,
    private readonly token: string,
  ) {
    this.http = new HttpClient(server, { insecureSkipTlsVerify: true });
  }

  async call(method: string, path: string, body?: unknown, contentType?: string): Promise<HttpResponse> {
    return this.http.request(method, path, { token: this.token, body, contentType, timeoutMs: 30_000 });
  }

  /** The parsed body of a 2xx answer; throws with the server's message otherwise. */
  async json<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const res = await this.call(method, path, body, contentType);
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.json as T;
  }
}

export async function startLocalCluster(): Promise<LocalCluster> {
  const stateDir = await mkdtemp(join(tmpdir(), "kf-agent-cluster-"));
  const port = await freePort();
  let plane: ControlPlane;
  try {
    plane = await startControlPlane({ paths: clusterPaths(repoRoot(), stateDir), port, readyTimeoutMs: 120_000 });
  } catch (error) {
    await rm(stateDir, { recursive: true, force: true });
    throw new Error(`the local control plane did not start: ${(error as Error).message}${(error as { details?: string }).details ? `\n${(error as { details?: string }).details}` : ""}`);
  }
  const admin = new AdminClient(plane.server, plane.secrets.ADMIN_TOKEN);
  return {
    server: plane.server,
    joinToken: plane.secrets.JOIN_TOKEN,
    adminToken: plane.secrets.ADMIN_TOKEN,
    admin,
    async stop() {
      admin.http.close();
      await plane.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
