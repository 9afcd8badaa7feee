// The endpoints controller of kube-controller-manager: every Service with a
// selector has an Endpoints object of the same name listing the ready and
// not-ready addresses of the pods it selects. Pod and Service changes are
// turned into one timer per affected Service; timers due now run in the same
// alarm pass as the write that scheduled them, so a readiness flip reaches
// the Endpoints within milliseconds.
import type { KubeObject } from "../../apimachinery/object.ts";
import type { Endpoints, Pod, Service } from "../../schema/kinds.ts";
import { deleteObject } from "../../store/verbs/delete.ts";
import { readNamespace, resourceOf } from "../../store/verbs/context.ts";
import { commitWrite, createObject } from "../../store/verbs/write.ts";
import { deepEqual } from "../../apimachinery/json-value.ts";
import type { ControllerContext, Reconciler } from "../reconciler.ts";
import { scheduleNow } from "../reconciler.ts";
import { desiredLabels, desiredSubsets, selects, selectorOf } from "./desired.ts";
import { endpointFieldsChanged, hasPodIP } from "./pod-changes.ts";
import { repackSubsets } from "./repack.ts";
import { forgetServices, serviceSelectors } from "./service-selectors.ts";
import type { EndpointSubset } from "./types.ts";

const KIND = "endpoints";

function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function schedulePodServices(ctx: ControllerContext, before: Pod | undefined, after: Pod | undefined): void {
  const namespace = (after ?? before)?.metadata.namespace ?? "";
  for (const { name, selector } of serviceSelectors(ctx.log, namespace)) {
    if ((before && selects(selector, before.metadata.labels)) || (after && selects(selector, after.metadata.labels))) {
      scheduleNow(ctx, KIND, keyOf(namespace, name));
    }
  }
}

export const endpointsController: Reconciler = {
  kind: KIND,

  observe(change, ctx) {
    const { object } = change;
    const namespace = object.metadata.namespace ?? "";
    const name = object.metadata.name ?? "";
    switch (change.resource) {
      case "services":
        forgetServices(ctx.log, namespace);
        scheduleNow(ctx, KIND, keyOf(namespace, name));
        return;
      case "endpoints":
        // Deleted by someone else while its Service still selects pods: put it back.
        if (change.type === "DELETED") scheduleNow(ctx, KIND, keyOf(namespace, name));
        return;
      case "pods": {
        const after = change.type === "DELETED" ? undefined : (object as unknown as Pod);
        const before = change.type === "ADDED" ? undefined : ((change.previous ?? object) as unknown as Pod);
        // Pods without an IP are in no Endpoints, so creating and scheduling pods costs nothing here.
        if (!hasPodIP(before) && !hasPodIP(after)) return;
        if (before && after && !endpointFieldsChanged(before, after)) return;
        schedulePodServices(ctx, before, after);
        return;
      }
    }
  },

  reconcile(key, ctx) {
    const slash = key.indexOf("/");
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const service = ctx.log.read({ resource: "services", namespace, name }) as Service | undefined;
    const current = ctx.log.read({ resource: "endpoints", namespace, name });
    if (!service) {
      // Kubernetes deletes the Endpoints explicitly rather than through an ownerReference.
      if (current && !current.metadata.deletionTimestamp) deleteObject(ctx, "endpoints", namespace, name, {});
      return;
    }
    const selector = selectorOf(service);
    if (!selector) return; // Endpoints of selector-less Services belong to their users.
    const pods: Pod[] = [];
    for (const object of ctx.log.scan("pods", namespace)) {
      if (selects(selector, object.metadata.labels)) pods.push(object as unknown as Pod);
    }
    writeEndpoints(ctx, service, current, desiredSubsets(service, pods));
  },
};

function writeEndpoints(ctx: ControllerContext, service: Service, current: KubeObject | undefined, subsets: EndpointSubset[]): void {
  const labels = desiredLabels(service);
  const namespace = service.metadata.namespace ?? "";
  const name = service.metadata.name ?? "";
  if (!current) {
    if (readNamespace(ctx, namespace)?.metadata.deletionTimestamp) return;
    const body: Endpoints = { apiVersion: "v1", kind: "Endpoints", metadata: { name, namespace, labels } };
    if (subsets.length) body.subsets = subsets;
    createObject(ctx, "endpoints", namespace, body, {});
    return;
  }
  const existing = (current as unknown as Endpoints).subsets ?? [];
  // Compared in canonical form, so an Endpoints listing the same addresses in another order is left alone.
  if (deepEqual(repackSubsets(existing), subsets) && deepEqual(current.metadata.labels ?? {}, labels)) return;
  const updated = structuredClone(current);
  updated.metadata.labels = labels;
  if (subsets.length) updated.subsets = subsets;
  else delete updated.subsets;
  commitWrite(ctx, resourceOf("endpoints"), current, updated, {});
}
