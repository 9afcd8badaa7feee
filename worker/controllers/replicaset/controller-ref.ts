// Kubernetes' ControllerRefManager: an owner claims the objects its selector
// matches. Orphans that match are adopted (a controller ownerReference is
// added); owned objects that no longer match are released. Owned by another
// controller means hands off.
import type { KubeObject, OwnerReference } from "../../apimachinery/object.ts";
import { StatusError } from "../../apimachinery/status.ts";
import type { LabelSelector } from "../../apimachinery/selectors.ts";
import { matchesLabels } from "../../apimachinery/selectors.ts";
import type { StoreContext } from "../../store/verbs/context.ts";
import { resourceOf } from "../../store/verbs/context.ts";
import { commitWrite } from "../../store/verbs/write.ts";

export function controllerRefOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return controllerRefOf(object)?.uid === owner.metadata.uid;
}

export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * The candidates that end up controlled by `owner`, as stored after any
 * adoption; releases owned candidates that stopped matching. An owner being
 * deleted adopts nothing, and an object being deleted is neither adopted nor
 * released (ClaimObject's rules).
 */
export function claimObjects(
  ctx: StoreContext,
  plural: string,
  owner: KubeObject,
  selector: LabelSelector,
  candidates: Iterable<KubeObject>,
): KubeObject[] {
  const claimed: KubeObject[] = [];
  for (const object of candidates) {
    const ref = controllerRefOf(object);
    const matches = matchesLabels(selector, object.metadata.labels);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches || object.metadata.deletionTimestamp) {
        claimed.push(object);
        continue;
      }
      if (owner.metadata.deletionTimestamp) continue;
      rewriteOwners(ctx, plural, object, (refs) => refs.filter((r) => r.uid !== owner.metadata.uid));
      continue;
    }
    if (!matches || owner.metadata.deletionTimestamp || object.metadata.deletionTimestamp) continue;
    const adopted = rewriteOwners(ctx, plural, object, (refs) => [
      ...refs.filter((r) => r.uid !== owner.metadata.uid),
      newControllerRef(owner),
    ]);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** Writes new ownerReferences; undefined when the write was refused (it is retried on the next sync). */
function rewriteOwners(
  ctx: StoreContext,
  plural: string,
  object: KubeObject,
  edit: (refs: OwnerReference[]) => OwnerReference[],
): KubeObject | undefined {
  const updated = structuredClone(object);
  const refs = edit(object.metadata.ownerReferences ?? []);
  if (refs.length > 0) updated.metadata.ownerReferences = refs;
  else delete updated.metadata.ownerReferences;
  try {
    return commitWrite(ctx, resourceOf(plural), object, updated, {}).object;
  } catch (error) {
    if (error instanceof StatusError) return undefined;
    throw error;
  }
}
