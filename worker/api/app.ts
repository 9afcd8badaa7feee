// The API server: authentication, then discovery, OpenAPI, resources and
// manifests. Every error leaves as a `kind: Status`; an unexpected one is
// logged under a request id and never shows a stack trace to the client.
import { Hono } from "hono";
import { StatusError, errors, failure } from "../apimachinery/status.ts";
import type { ApiEnv } from "./api-env.ts";
import { PUBLIC_PATHS, authenticate } from "./auth.ts";
import { clusterStub } from "./cluster-stub.ts";
import { discoveryRoutes } from "./discovery.ts";
import { manifestRoutes } from "./manifests.ts";
import { assignmentRoutes, joinRoutes, tunnelRoutes } from "./node-routes.ts";
import { openapiGroupVersion, openapiRoot } from "./openapi.ts";
import { resourceRoutes } from "./resource-routes.ts";

function statusResponse(status: { code: number }): Response {
  return new Response(JSON.stringify(status), { status: status.code, headers: { "Content-Type": "application/json" } });
}

export function buildApp(): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.onError((error, c) => {
    if (error instanceof StatusError) return statusResponse(error.status);
    const requestId = crypto.randomUUID();
    console.error(`request ${requestId}: ${c.req.method} ${c.req.path} failed:`, error.stack ?? error.message);
    return statusResponse(errors.internal(requestId));
  });
  app.notFound(() => statusResponse(failure(404, "NotFound", "the server could not find the requested resource")));

  app.get("/healthz", (c) => c.text("ok"));
  app.get("/livez", (c) => c.text("ok"));
  app.get("/readyz", async (c) => {
    const outcome = await clusterStub(c).list("namespaces", undefined, { limit: 1 });
    return outcome.ok ? c.text("ok") : statusResponse(outcome.status);
  });

  app.route("/", joinRoutes());
  app.use(async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const identity = await authenticate(c.req.raw, {
      adminToken: c.env.ADMIN_TOKEN,
      secretsKey: c.env.SECRETS_KEY,
      cluster: c.env.CLUSTER_NAME,
    });
    if (!identity) return statusResponse(errors.unauthorized());
    c.set("identity", identity);
    return next();
  });

  app.route("/", discoveryRoutes());
  app.get("/openapi/v3", (c) => c.json(openapiRoot()));
  app.get("/openapi/v3/api/:version", (c) => {
    const doc = openapiGroupVersion("", c.req.param("version"));
    return doc ? c.json(doc) : c.notFound();
  });
  app.get("/openapi/v3/apis/:group/:version", (c) => {
    const doc = openapiGroupVersion(c.req.param("group"), c.req.param("version"));
    return doc ? c.json(doc) : c.notFound();
  });
  app.route("/", assignmentRoutes());
  app.route("/", tunnelRoutes());
  app.route("/", manifestRoutes());
  app.route("/", resourceRoutes());
  return app;
}
