// The REST surface of every resource: parse the path into (resource,
// namespace, name, subresource), pick the verb from the method, call the
// cluster object, render the answer (object, List, Table or Status).
import type { Context } from "hono";
import { Hono } from "hono";
import type { KubeObject } from "../apimachinery/object.ts";
import type { ResourceType } from "../apimachinery/registry.ts";
import { apiVersionOf, findResource } from "../apimachinery/registry.ts";
import { StatusError, errors, failure } from "../apimachinery/status.ts";
import { patchTypeFromContentType } from "../patch/index.ts";
import type { ObjectList, Outcome } from "../store/options.ts";
import type { ApiEnv } from "./api-env.ts";
import { assertObjectSize, bodyFormat, parseBody, parseDocument, readBodyText } from "./body.ts";
import { clusterStub } from "./cluster-stub.ts";
import type { Verb } from "./node-authorizer.ts";
import { authorizeNode, nodeForbidden } from "./node-authorizer.ts";
import { deleteOptions, isWatch, listOptions, logOptions, watchOptions, writeOptions } from "./query.ts";
import { TABLE_CONTENT_TYPE, includeObjectParam, renderTable, wantsTable } from "./tables/table.ts";
import { tableWatchStream } from "./table-watch.ts";

interface Target {
  r: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: "status" | "scale" | "log";
}

/** Subresources served by handlers rather than the store's generic verbs. */
const HANDLER_SUBRESOURCES: Record<string, string[]> = { pods: ["log"] };

/**
 * Streams must reach the client event by event: `identity` keeps wrangler
 * and Cloudflare's edge from gzipping them, which would hold events back in
 * the compressor's buffer.
 */
const STREAM_HEADERS = { "Cache-Control": "no-cache, private", "Content-Encoding": "identity" };

/** Namespace subresources, which must not be read as a resource inside that namespace. */
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

function notFound(): StatusError {
  return new StatusError(failure(404, "NotFound", "the server could not find the requested resource"));
}

export function parseTarget(group: string, version: string, segments: string[]): Target {
  let namespace: string | undefined;
  let rest = segments;
  if (segments[0] === "namespaces" && segments.length >= 3 && !NAMESPACE_SUBRESOURCES.has(segments[2])) {
    namespace = segments[1];
    rest = segments.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const r = findResource(group, plural ?? "");
  if (!r || r.version !== version || extra.length > 0) throw notFound();
  if (namespace !== undefined && !r.namespaced) throw notFound();
  if (r.namespaced && namespace === undefined && name !== undefined) throw notFound();
  const known = [...r.subresources, ...(HANDLER_SUBRESOURCES[r.plural] ?? [])];
  if (subresource !== undefined && !known.includes(subresource)) throw notFound();
  return { r, namespace, name, subresource: subresource as Target["subresource"] };
}

function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new StatusError(outcome.status);
  return outcome.value;
}

function addWarnings(c: Context<ApiEnv>, warnings: string[] | undefined): void {
  for (const warning of warnings ?? []) c.header("Warning", `299 - ${JSON.stringify(warning)}`, { append: true });
}

function renderObject(c: Context<ApiEnv>, r: ResourceType, object: KubeObject, code: 200 | 201 = 200): Response {
  if (wantsTable(c.req.header("accept") ?? "") && object.kind === r.kind) {
    const table = renderTable(r, [object], {
      resourceVersion: object.metadata.resourceVersion ?? "",
      includeObject: includeObjectParam(c.req.query("includeObject") ?? null),
    });
    return c.body(JSON.stringify(table), code, { "Content-Type": TABLE_CONTENT_TYPE });
  }
  return c.json(object, code);
}

function renderList(c: Context<ApiEnv>, r: ResourceType, list: ObjectList): Response {
  if (wantsTable(c.req.header("accept") ?? "")) {
    const table = renderTable(r, list.items, {
      resourceVersion: list.resourceVersion,
      continue: list.continue,
      includeObject: includeObjectParam(c.req.query("includeObject") ?? null),
    });
    return c.body(JSON.stringify(table), 200, { "Content-Type": TABLE_CONTENT_TYPE });
  }
  return c.json({
    kind: `${r.kind}List`,
    apiVersion: apiVersionOf(r),
    metadata: { resourceVersion: list.resourceVersion, ...(list.continue ? { continue: list.continue } : {}) },
    items: list.items,
  });
}

async function requestBody(c: Context<ApiEnv>): Promise<unknown> {
  const contentType = c.req.header("content-type");
  const format = bodyFormat(contentType);
  if (!format) throw new StatusError(errors.unsupportedMediaType(contentType ?? ""));
  const body = await parseBody(c.req.raw, format);
  assertObjectSize(body);
  return body;
}

async function patchBody(c: Context<ApiEnv>) {
  const contentType = c.req.header("content-type") ?? "";
  const type = patchTypeFromContentType(contentType);
  if (!type) throw new StatusError(errors.unsupportedMediaType(contentType));
  // Server-side apply bodies are YAML (of which JSON is a subset); the other patch types are JSON.
  const patch = parseDocument(await readBodyText(c.req.raw), type === "apply" ? "yaml" : "json");
  if (patch === undefined) throw new StatusError(errors.badRequest("the patch is empty"));
  assertObjectSize(patch);
  return { type, patch };
}

function verbOf(method: string, target: Target, query: URLSearchParams): Verb {
  const collection = target.name === undefined;
  switch (method) {
    case "GET":
      return collection ? (isWatch(query) ? "watch" : "list") : "get";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    default:
      return collection ? "deletecollection" : "delete";
  }
}

/** Admins may do anything; node credentials only what the node authorizer grants. */
async function authorize(c: Context<ApiEnv>, target: Target, query: URLSearchParams): Promise<void> {
  const identity = c.get("identity");
  if (identity.kind === "admin") return;
  const request = {
    verb: verbOf(c.req.method, target, query),
    r: target.r,
    namespace: target.namespace,
    name: target.name,
    subresource: target.subresource,
    fieldSelector: query.get("fieldSelector") ?? undefined,
  };
  const decision = authorizeNode(identity.nodeName, request);
  const allowed =
    decision === "allow" ||
    (decision === "ask-store" &&
      (await clusterStub(c).nodeMayAccess(identity.nodeName, target.r.plural, target.namespace ?? "", target.name ?? "")));
  if (!allowed) throw new StatusError(nodeForbidden(identity.nodeName, request));
}

async function handle(c: Context<ApiEnv>, group: string, version: string, segments: string[]): Promise<Response> {
  const target = parseTarget(group, version, segments);
  const { r, namespace, name, subresource } = target;
  const stub = clusterStub(c);
  const query = new URL(c.req.url).searchParams;
  const method = c.req.method;
  await authorize(c, target, query);

  if (name === undefined) {
    if (method === "GET" && isWatch(query)) {
      const stream = unwrap(await stub.watch(r.plural, namespace, watchOptions(query)));
      const table = wantsTable(c.req.header("accept") ?? "");
      return new Response(table ? tableWatchStream(r, stream) : stream, {
        headers: { ...STREAM_HEADERS, "Content-Type": table ? TABLE_CONTENT_TYPE : "application/json" },
      });
    }
    if (method === "GET") return renderList(c, r, unwrap(await stub.list(r.plural, namespace, listOptions(query))));
    if (method === "POST") {
      if (r.namespaced && namespace === undefined) throw new StatusError(errors.methodNotAllowed(method));
      const outcome = await stub.create(r.plural, namespace, await requestBody(c), writeOptions(query));
      addWarnings(c, outcome.ok ? outcome.warnings : undefined);
      return renderObject(c, r, unwrap(outcome), 201);
    }
    if (method === "DELETE") {
      const options = deleteOptions(query, await optionalBody(c));
      return renderList(c, r, unwrap(await stub.deleteCollection(r.plural, namespace, listOptions(query), options)));
    }
    throw new StatusError(errors.methodNotAllowed(method));
  }

  if (subresource === "log") {
    if (method !== "GET") throw new StatusError(errors.methodNotAllowed(method));
    const stream = unwrap(await stub.podLogs(namespace ?? "", name, logOptions(query)));
    return new Response(stream, { headers: { ...STREAM_HEADERS, "Content-Type": "text/plain" } });
  }

  if (subresource === "scale") {
    if (method === "GET") return c.json(unwrap(await stub.getScale(r.plural, namespace, name)));
    if (method === "PUT") return c.json(unwrap(await stub.writeScale(r.plural, namespace, name, await requestBody(c), writeOptions(query))));
    if (method === "PATCH") {
      const { type, patch } = await patchBody(c);
      if (type === "apply") throw new StatusError(errors.unsupportedMediaType("application/apply-patch+yaml"));
      return c.json(unwrap(await stub.writeScale(r.plural, namespace, name, patch, writeOptions(query), type)));
    }
    throw new StatusError(errors.methodNotAllowed(method));
  }

  switch (method) {
    case "GET":
      return renderObject(c, r, unwrap(await stub.get(r.plural, namespace, name)));
    case "PUT": {
      const outcome = await stub.update(r.plural, namespace, name, await requestBody(c), writeOptions(query), subresource);
      addWarnings(c, outcome.ok ? outcome.warnings : undefined);
      return renderObject(c, r, unwrap(outcome), outcome.ok && outcome.created ? 201 : 200);
    }
    case "PATCH": {
      const { type, patch } = await patchBody(c);
      const outcome = await stub.patch(r.plural, namespace, name, type, patch, writeOptions(query), subresource);
      addWarnings(c, outcome.ok ? outcome.warnings : undefined);
      return renderObject(c, r, unwrap(outcome), outcome.ok && outcome.created ? 201 : 200);
    }
    case "DELETE": {
      if (subresource) throw new StatusError(errors.methodNotAllowed(method));
      const options = deleteOptions(query, await optionalBody(c));
      const { object } = unwrap(await stub.delete(r.plural, namespace, name, options));
      return c.json(object, 200);
    }
    default:
      throw new StatusError(errors.methodNotAllowed(method));
  }
}

/** DeleteOptions bodies are optional, and client libraries send empty ones. */
async function optionalBody(c: Context<ApiEnv>): Promise<unknown> {
  return parseBody(c.req.raw, bodyFormat(c.req.header("content-type")) ?? "json");
}

function segmentsAfter(path: string, prefix: string): string[] {
  return path
    .slice(prefix.length)
    .split("/")
    .filter((s) => s !== "")
    .map(decodeURIComponent);
}

export function resourceRoutes(): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.all("/api/v1/*", (c) => handle(c, "", "v1", segmentsAfter(c.req.path, "/api/v1")));
  app.all("/apis/:group/:version/*", (c) => {
    const { group, version } = c.req.param();
    return handle(c, group, version, segmentsAfter(c.req.path, `/apis/${group}/${version}`));
  });
  return app;
}
