// The control-plane Worker. A path prefix `/clusters/<name>` addresses a
// separate cluster (its own Durable Object); the root is the default cluster.
import { buildApp } from "./api/app.ts";
import { failure } from "./apimachinery/status.ts";
import type { Env } from "./env.ts";

export { ClusterStore } from "./store/cluster-store.ts";

const app = buildApp();
const CLUSTER_PREFIX = /^\/clusters\/([^/]+)(\/.*)?$/;
const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DEFAULT_CLUSTER = "default";

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    const url = new URL(request.url);
    let cluster = DEFAULT_CLUSTER;
    const match = CLUSTER_PREFIX.exec(url.pathname);
    if (match) {
      cluster = match[1];
      if (!CLUSTER_NAME.test(cluster)) {
        const status = failure(404, "NotFound", `cluster "${cluster}" is not a valid cluster name`);
        return new Response(JSON.stringify(status), { status: 404, headers: { "Content-Type": "application/json" } });
      }
      url.pathname = match[2] ?? "/";
      request = new Request(url, request);
    }
    return app.fetch(request, { ...env, CLUSTER_NAME: cluster }, ctx);
  },
} satisfies ExportedHandler<Env>;
