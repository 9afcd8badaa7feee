// Namespace deletion: a Terminating namespace has everything in it deleted,
// then its `kubernetes` finalizer removed, which lets the store remove it.
import { RESOURCES, resourceByPlural } from "../apimachinery/registry.ts";
import { deleteObject, NAMESPACE_FINALIZER } from "../store/verbs/delete.ts";
import { readNamespace } from "../store/verbs/context.ts";
import { commitWrite } from "../store/verbs/write.ts";
import type { Reconciler } from "./reconciler.ts";
import { scheduleNow } from "./reconciler.ts";

const KIND = "namespace";
/** Objects deleted per alarm run for one namespace. */
const BATCH = 200;
const NAMESPACED = RESOURCES.filter((r) => r.namespaced);

export const namespaceController: Reconciler = {
  kind: KIND,

  observe(change, ctx) {
    if (change.resource === "namespaces") {
      if (change.object.metadata.deletionTimestamp && change.type !== "DELETED") {
        scheduleNow(ctx, KIND, change.object.metadata.name ?? "");
      }
      return;
    }
    // The last object leaving a Terminating namespace lets it finish.
    const namespace = change.object.metadata.namespace;
    if (change.type === "DELETED" && namespace && readNamespace(ctx, namespace)?.metadata.deletionTimestamp) {
      scheduleNow(ctx, KIND, namespace);
    }
  },

  reconcile(name, ctx) {
    const ns = readNamespace(ctx, name);
    if (!ns?.metadata.deletionTimestamp) return;
    let budget = BATCH;
    let remaining = 0;
    for (const r of NAMESPACED) {
      for (const object of ctx.log.scan(r.plural, name)) {
        remaining++;
        if (object.metadata.deletionTimestamp || budget === 0) continue;
        budget--;
        deleteObject(ctx, r.plural, name, object.metadata.name ?? "", { propagationPolicy: "Background" });
      }
    }
    if (budget === 0) return scheduleNow(ctx, KIND, name);
    if (remaining > 0) return; // Waiting for graceful deletions; their DELETED events reschedule.
    const namespaces = resourceByPlural("namespaces");
    if (!namespaces) return;
    const finalized = structuredClone(ns);
    const spec = (finalized.spec ?? {}) as { finalizers?: string[] };
    finalized.spec = { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== NAMESPACE_FINALIZER) };
    commitWrite(ctx, namespaces, ns, finalized, {});
  },
};
