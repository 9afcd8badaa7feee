// Every active namespace has a `default` ServiceAccount, recreated if deleted.
import { readNamespace } from "../store/verbs/context.ts";
import { createObject } from "../store/verbs/write.ts";
import type { Reconciler } from "./reconciler.ts";
import { scheduleNow } from "./reconciler.ts";

const KIND = "serviceaccount";
const DEFAULT_ACCOUNT = "default";

export const serviceAccountController: Reconciler = {
  kind: KIND,

  observe(change, ctx) {
    const { object } = change;
    if (change.resource === "namespaces" && change.type === "ADDED") scheduleNow(ctx, KIND, object.metadata.name ?? "");
    if (change.resource === "serviceaccounts" && change.type === "DELETED" && object.metadata.name === DEFAULT_ACCOUNT) {
      scheduleNow(ctx, KIND, object.metadata.namespace ?? "");
    }
  },

  reconcile(namespace, ctx) {
    const ns = readNamespace(ctx, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (ctx.log.read({ resource: "serviceaccounts", namespace, name: DEFAULT_ACCOUNT })) return;
    createObject(ctx, "serviceaccounts", namespace, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: DEFAULT_ACCOUNT } }, {});
  },
};
