// POST /manifests: multi-document YAML (or a JSON List), applied atomically.
import { Hono } from "hono";
import { StatusError, errors } from "../apimachinery/status.ts";
import type { ApiEnv } from "./api-env.ts";
import { assertObjectSize, bodyFormat, parseDocuments, readBodyText } from "./body.ts";
import { clusterStub } from "./cluster-stub.ts";

const DEFAULT_FIELD_MANAGER = "kubeflare-manifests";

export function manifestRoutes(): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post("/manifests", async (c) => {
    if (c.get("identity").kind !== "admin") throw new StatusError(errors.forbidden("only administrators may submit manifests"));
    const contentType = c.req.header("content-type");
    const format = bodyFormat(contentType);
    if (format !== "json" && format !== "yaml") throw new StatusError(errors.unsupportedMediaType(contentType ?? ""));
    // YAML is a superset of JSON, so one parser reads both kinds of body.
    const documents = parseDocuments(await readBodyText(c.req.raw), "yaml");
    if (documents.length === 0) throw new StatusError(errors.badRequest("the request holds no documents"));
    documents.forEach(assertObjectSize);
    const query = new URL(c.req.url).searchParams;
    const dryRun = query.getAll("dryRun").includes("All");
    const outcome = await clusterStub(c).applyManifests(documents, {
      dryRun,
      fieldManager: query.get("fieldManager") || DEFAULT_FIELD_MANAGER,
      force: query.get("force") !== "false",
    });
    if (!outcome.ok) throw new StatusError(outcome.status);
    return c.json({ kind: "ManifestResult", apiVersion: "kubeflare.dev/v1", dryRun, items: outcome.value });
  });
  return app;
}
