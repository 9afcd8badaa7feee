// Which Deployments a committed change concerns: a Deployment's own changes
// (its status too, as in Kubernetes: a status that just turned complete lets
// the next sync prune old ReplicaSets), any change to a
// ReplicaSet it controls, orphan ReplicaSets its selector matches, and the
// disappearance of pods of a scaled-down ReplicaSet (what Recreate waits for).
import type { KubeObject } from "../../apimachinery/object.ts";
import { StatusError } from "../../apimachinery/status.ts";
import { labelSelectorFromObject, matchesLabels } from "../../apimachinery/selectors.ts";
import type { PublishedChange } from "../../store/watch-hub.ts";
import type { ControllerContext } from "../reconciler.ts";
import { controllerRefOf } from "../replicaset/controller-ref.ts";
import { keyOf } from "./keys.ts";
import { deploymentSpec, rsReplicas } from "./types.ts";

export function deploymentKeysFor(change: PublishedChange, ctx: ControllerContext): string[] {
  switch (change.resource) {
    case "deployments":
      return deploymentChangeKeys(change);
    case "replicasets":
      return replicaSetChangeKeys(change, ctx);
    case "pods":
      return podChangeKeys(change, ctx);
    default:
      return [];
  }
}

function deploymentChangeKeys(change: PublishedChange): string[] {
  const { object } = change;
  if (change.type === "DELETED") return [];
  return [keyOf(object.metadata.namespace ?? "", object.metadata.name ?? "")];
}

function ownerDeployment(object: KubeObject | undefined): string | undefined {
  const ref = object && controllerRefOf(object);
  return ref?.kind === "Deployment" && ref.apiVersion.startsWith("apps/") ? ref.name : undefined;
}

function replicaSetChangeKeys(change: PublishedChange, ctx: ControllerContext): string[] {
  const { object, previous } = change;
  const namespace = object.metadata.namespace ?? "";
  const keys = new Set<string>();
  for (const rs of [object, previous]) {
    const owner = ownerDeployment(rs);
    if (owner) keys.add(keyOf(namespace, owner));
  }
  const orphaned = change.type !== "DELETED" && !object.metadata.deletionTimestamp && !controllerRefOf(object);
  const newlyOrphaned = !previous || controllerRefOf(previous) !== undefined;
  const relabelled = previous && JSON.stringify(previous.metadata.labels ?? {}) !== JSON.stringify(object.metadata.labels ?? {});
  if (orphaned && (newlyOrphaned || relabelled)) {
    for (const name of matchingDeployments(ctx, object)) keys.add(keyOf(namespace, name));
  }
  return [...keys];
}

function matchingDeployments(ctx: ControllerContext, rs: KubeObject): string[] {
  const names: string[] = [];
  for (const d of ctx.log.scan("deployments", rs.metadata.namespace ?? "")) {
    if (d.metadata.deletionTimestamp) continue;
    try {
      if (matchesLabels(labelSelectorFromObject(deploymentSpec(d).selector), rs.metadata.labels)) names.push(d.metadata.name ?? "");
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
    }
  }
  return names;
}

function podChangeKeys(change: PublishedChange, ctx: ControllerContext): string[] {
  const { object } = change;
  const phase = (object.status as { phase?: string } | undefined)?.phase;
  if (change.type !== "DELETED" && phase !== "Succeeded" && phase !== "Failed") return [];
  const ref = controllerRefOf(object);
  if (ref?.kind !== "ReplicaSet") return [];
  const namespace = object.metadata.namespace ?? "";
  const rs = ctx.log.read({ resource: "replicasets", namespace, name: ref.name });
  // Only a scaled-down ReplicaSet's pods matter here; the rest reach the Deployment through ReplicaSet status.
  if (!rs || rsReplicas(rs) !== 0) return [];
  const owner = ownerDeployment(rs);
  return owner ? [keyOf(namespace, owner)] : [];
}
