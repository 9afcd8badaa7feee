// Finding a Deployment's ReplicaSets: claimed by selector, ordered, and split
// into the new one (template equal by meaning to the Deployment's) and the old.
import type { KubeObject } from "../../apimachinery/object.ts";
import { semanticallyEqual } from "../../patch/index.ts";
import { labelSelectorFromObject } from "../../apimachinery/selectors.ts";
import type { ControllerContext } from "../reconciler.ts";
import { claimObjects } from "../replicaset/controller-ref.ts";
import type { PodTemplate } from "../replicaset/types.ts";
import { rsSpec } from "../replicaset/types.ts";
import { revisionOf } from "./annotations.ts";
import { deploymentSpec } from "./types.ts";

export const POD_TEMPLATE_HASH = "pod-template-hash";

/** getReplicaSetsForDeployment: adopts matching orphans, releases owned ones that stopped matching. */
export function claimReplicaSets(ctx: ControllerContext, d: KubeObject): KubeObject[] {
  const selector = labelSelectorFromObject(deploymentSpec(d).selector);
  // Read the whole list first: adoption writes to the table being scanned.
  const candidates = [...ctx.log.scan("replicasets", d.metadata.namespace ?? "")];
  return claimObjects(ctx, "replicasets", d, selector, candidates);
}

function createdAt(object: KubeObject): number {
  const at = object.metadata.creationTimestamp ? Date.parse(object.metadata.creationTimestamp) : NaN;
  return Number.isNaN(at) ? 0 : at;
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  return createdAt(a) - createdAt(b) || (a.metadata.name ?? "").localeCompare(b.metadata.name ?? "");
}

/** ReplicaSetsByRevision: lowest revision first, then oldest. */
export function byRevision(a: KubeObject, b: KubeObject): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

function withoutHash(template: PodTemplate | undefined): PodTemplate {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH];
  return copy;
}

/** EqualIgnoreHash: equal by meaning once the pod-template-hash label is set aside. */
export function equalIgnoreHash(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  return semanticallyEqual(withoutHash(a), withoutHash(b));
}

export interface Split {
  newRS: KubeObject | undefined;
  oldRSs: KubeObject[];
}

/** FindNewReplicaSet (the oldest with the Deployment's template) and FindOldReplicaSets. */
export function splitReplicaSets(d: KubeObject, list: readonly KubeObject[]): Split {
  const template = deploymentSpec(d).template;
  const sorted = [...list].sort(byCreation);
  const newRS = sorted.find((rs) => equalIgnoreHash(rsSpec(rs).template, template));
  return { newRS, oldRSs: sorted.filter((rs) => rs !== newRS) };
}
