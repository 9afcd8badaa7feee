// HTTP manifest submission: every document is applied (server-side apply)
// inside one transaction, so a single invalid document leaves nothing behind.
// A dry run does the same work and then rolls it back, which lets later
// documents see earlier ones (a Namespace and the objects in it).
import type { KubeObject } from "../../apimachinery/object.ts";
import { isPlainObject } from "../../apimachinery/object.ts";
import { resourceForKind } from "../../apimachinery/registry.ts";
import type { Status } from "../../apimachinery/status.ts";
import { StatusError, errors, failure } from "../../apimachinery/status.ts";
import type { StoreContext } from "./context.ts";
import { patchObject } from "./write.ts";

export type ManifestAction = "created" | "configured" | "unchanged";

export interface ManifestResult {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  action: ManifestAction;
  resourceVersion?: string;
}

export interface ManifestOptions {
  dryRun: boolean;
  fieldManager: string;
  force: boolean;
}

class DryRunRollback extends Error {}

export function applyManifests(ctx: StoreContext, documents: unknown[], options: ManifestOptions): ManifestResult[] {
  let results: ManifestResult[] = [];
  try {
    ctx.writes.batch(() => {
      results = documents.map((doc, index) => applyDocument(ctx, doc, index, options));
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return results;
}

function applyDocument(ctx: StoreContext, doc: unknown, index: number, options: ManifestOptions): ManifestResult {
  const where = `document ${index + 1}`;
  if (!isPlainObject(doc)) throw new StatusError(errors.badRequest(`${where}: not an object`));
  const { apiVersion, kind } = doc;
  const metadata = isPlainObject(doc.metadata) ? doc.metadata : {};
  const name = typeof metadata.name === "string" ? metadata.name : "";
  const label = `${where} (${String(kind)} "${name}")`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    throw new StatusError(errors.badRequest(`${where}: apiVersion and kind are required`));
  }
  const r = resourceForKind(apiVersion, kind);
  if (!r) throw new StatusError(errors.badRequest(`${label}: no kind "${kind}" is registered for version "${apiVersion}"`));
  if (!name) {
    throw new StatusError(
      failure(422, "Invalid", `${label}: metadata.name: Required value`, {
        kind,
        causes: [{ reason: "FieldValueRequired", message: "Required value", field: "metadata.name" }],
      }),
    );
  }
  const namespace = r.namespaced ? (typeof metadata.namespace === "string" && metadata.namespace) || "default" : undefined;
  const before = ctx.log.read({ resource: r.plural, namespace: namespace ?? "", name });
  try {
    const { object } = patchObject(ctx, r.plural, namespace, name, "apply", doc as KubeObject, {
      fieldManager: options.fieldManager,
      force: options.force,
    });
    const action: ManifestAction = !before
      ? "created"
      : object.metadata.resourceVersion === before.metadata.resourceVersion
        ? "unchanged"
        : "configured";
    return { apiVersion, kind, ...(namespace ? { namespace } : {}), name, action, resourceVersion: object.metadata.resourceVersion };
  } catch (error) {
    if (error instanceof StatusError) throw new StatusError(prefixed(error.status, label));
    throw error;
  }
}

function prefixed(status: Status, label: string): Status {
  return { ...status, message: `${label}: ${status.message ?? status.reason}` };
}
