// The node agents' own endpoints: joining with the bootstrap token, and the
// long-poll for the pods bound to a node.
import { Hono } from "hono";
import { isPlainObject } from "../apimachinery/object.ts";
import { StatusError, errors } from "../apimachinery/status.ts";
import type { ApiEnv } from "./api-env.ts";
import { bearerToken, tokensEqual } from "./auth.ts";
import { parseDocument, readBodyText } from "./body.ts";
import { TUNNEL_NODE_HEADER } from "../store/cluster-store.ts";
import { clusterObject, clusterStub } from "./cluster-stub.ts";
import { issueNodeCredential } from "./node-credentials.ts";

export const JOIN_PATH = "/kubeflare/v1/join";
const NODE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DEFAULT_POLL_SECONDS = 30;
const MAX_POLL_SECONDS = 60;

/** POST /kubeflare/v1/join — authenticated by the join token, not by the admin token. */
export function joinRoutes(): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post(JOIN_PATH, async (c) => {
    const expected = c.env.JOIN_TOKEN;
    const presented = bearerToken(c.req.raw);
    if (!expected || !presented || !(await tokensEqual(presented, expected))) throw new StatusError(errors.unauthorized());
    const body = parseDocument(await readBodyText(c.req.raw), "json");
    const nodeName = isPlainObject(body) ? body.nodeName : undefined;
    if (typeof nodeName !== "string" || nodeName.length > 253 || !NODE_NAME.test(nodeName)) {
      throw new StatusError(errors.badRequest(`nodeName must be a lowercase RFC 1123 subdomain (got ${JSON.stringify(nodeName)})`));
    }
    if (!c.env.SECRETS_KEY) throw new StatusError(errors.forbidden("joining is disabled: SECRETS_KEY is not set"));
    const token = await issueNodeCredential(c.env.SECRETS_KEY, {
      node: nodeName,
      cluster: c.env.CLUSTER_NAME,
      iat: Math.floor(Date.now() / 1000),
    });
    return c.json({ kind: "NodeCredential", apiVersion: "kubeflare.dev/v1", nodeName, token }, 201);
  });
  return app;
}

/** GET /kubeflare/v1/nodes/:name/tunnel — the agent's WebSocket, handed to the cluster object. */
export function tunnelRoutes(): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get("/kubeflare/v1/nodes/:name/tunnel", (c) => {
    const name = c.req.param("name");
    const identity = c.get("identity");
    if (identity.kind !== "node" || identity.nodeName !== name) {
      throw new StatusError(errors.forbidden(`only node "${name}" may open its tunnel`));
    }
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new StatusError(errors.badRequest("the tunnel needs a WebSocket upgrade"));
    }
    const headers = new Headers(c.req.raw.headers);
    headers.set(TUNNEL_NODE_HEADER, name);
    return clusterObject(c).fetch(new Request(c.req.url, { headers }));
  });
  return app;
}

/** GET /kubeflare/v1/nodes/:name/pods?resourceVersion=N&timeoutSeconds=S */
export function assignmentRoutes(): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get("/kubeflare/v1/nodes/:name/pods", async (c) => {
    const name = c.req.param("name");
    const identity = c.get("identity");
    if (identity.kind === "node" && identity.nodeName !== name) {
      throw new StatusError(errors.forbidden(`User "system:node:${identity.nodeName}" cannot watch the pods of node "${name}"`));
    }
    const query = new URL(c.req.url).searchParams;
    const timeout = Math.min(Number(query.get("timeoutSeconds") ?? DEFAULT_POLL_SECONDS) || DEFAULT_POLL_SECONDS, MAX_POLL_SECONDS);
    const result = await clusterStub(c).nodeAssignments(name, query.get("resourceVersion") ?? undefined, timeout * 1000);
    return c.json({ kind: "NodeAssignments", apiVersion: "kubeflare.dev/v1", ...result });
  });
  return app;
}
