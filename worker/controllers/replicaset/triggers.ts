// Which ReplicaSets a committed change concerns. Pods map to their
// controlling ReplicaSet through ownerReferences; an orphan pod (new, relabelled
// or just released) is offered to the ReplicaSets of its namespace whose
// selector matches, which is the only case that reads anything.
import type { KubeObject } from "../../apimachinery/object.ts";
import { StatusError } from "../../apimachinery/status.ts";
import { labelSelectorFromObject, matchesLabels } from "../../apimachinery/selectors.ts";
import type { PublishedChange } from "../../store/watch-hub.ts";
import type { ControllerContext } from "../reconciler.ts";
import { controllerRefOf } from "./controller-ref.ts";
import { encodeOwnerKey } from "./keys.ts";
import { rsSpec } from "./types.ts";

export function replicaSetKeysFor(change: PublishedChange, ctx: ControllerContext): string[] {
  if (change.resource === "replicasets") return replicaSetChangeKeys(change);
  if (change.resource === "pods") return podChangeKeys(change, ctx);
  return [];
}

function replicaSetChangeKeys(change: PublishedChange): string[] {
  const { object, previous } = change;
  const namespace = object.metadata.namespace ?? "";
  const name = object.metadata.name ?? "";
  if (change.type === "DELETED") return [];
  if (change.type === "ADDED" || !previous) return [encodeOwnerKey(namespace, name, true)];
  // Its own status writes need no new sync.
  const moved =
    object.metadata.generation !== previous.metadata.generation ||
    object.metadata.deletionTimestamp !== previous.metadata.deletionTimestamp ||
    JSON.stringify(object.metadata.ownerReferences) !== JSON.stringify(previous.metadata.ownerReferences);
  return moved ? [encodeOwnerKey(namespace, name)] : [];
}

/**
 * What a ReplicaSet's sync can see of a pod: whether it counts, is ready or
 * available, and whose it is. A binding or a status report that changes none
 * of these (most of a pod's writes) needs no sync, which at 10,000 pods per
 * ReplicaSet is the difference between one read of them all and thousands.
 */
function replicaSetFacts(pod: KubeObject): string {
  const status = (pod.status ?? {}) as { phase?: string; conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
  const ready = status.conditions?.find((c) => c.type === "Ready");
  const { labels, ownerReferences, deletionTimestamp } = pod.metadata;
  return JSON.stringify([labels, ownerReferences, deletionTimestamp, status.phase, ready?.status, ready?.lastTransitionTime]);
}

function podChangeKeys(change: PublishedChange, ctx: ControllerContext): string[] {
  const { object, previous } = change;
  const namespace = object.metadata.namespace ?? "";
  if (change.type === "MODIFIED" && previous && replicaSetFacts(object) === replicaSetFacts(previous)) return [];
  const keys = new Set<string>();
  for (const pod of [object, previous]) {
    const ref = pod && controllerRefOf(pod);
    if (ref?.kind === "ReplicaSet" && ref.apiVersion.startsWith("apps/")) keys.add(encodeOwnerKey(namespace, ref.name));
  }
  if (mayBeAdoptable(change)) for (const name of matchingReplicaSets(ctx, object)) keys.add(encodeOwnerKey(namespace, name, true));
  return [...keys];
}

function mayBeAdoptable(change: PublishedChange): boolean {
  const { object, previous } = change;
  if (change.type === "DELETED" || object.metadata.deletionTimestamp || controllerRefOf(object)) return false;
  if (change.type === "ADDED" || !previous) return true;
  return (
    controllerRefOf(previous) !== undefined ||
    JSON.stringify(object.metadata.labels ?? {}) !== JSON.stringify(previous.metadata.labels ?? {})
  );
}

function matchingReplicaSets(ctx: ControllerContext, pod: KubeObject): string[] {
  const names: string[] = [];
  for (const rs of ctx.log.scan("replicasets", pod.metadata.namespace ?? "")) {
    if (rs.metadata.deletionTimestamp) continue;
    try {
      if (matchesLabels(labelSelectorFromObject(rsSpec(rs).selector), pod.metadata.labels)) names.push(rs.metadata.name ?? "");
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
    }
  }
  return names;
}
