// One sync of one ReplicaSet (ReplicaSetController.syncReplicaSet): claim
// pods, create or delete to match spec.replicas, report status.
import type { KubeObject } from "../../apimachinery/object.ts";
import { labelSelectorFromObject } from "../../apimachinery/selectors.ts";
import type { ControllerContext } from "../reconciler.ts";
import { scheduleNow } from "../reconciler.ts";
import { claimObjects } from "./controller-ref.ts";
import { encodeOwnerKey } from "./keys.ts";
import type { ManageResult } from "./manage-replicas.ts";
import { manageReplicas } from "./manage-replicas.ts";
import { isPodActive } from "./pod-state.ts";
import { computeStatus, writeStatus } from "./status.ts";
import { rsSpec } from "./types.ts";

export const KIND = "replicaset";
/** A failed pod creation (quota, admission) is retried after this long, not in a busy loop. */
const FAILURE_RETRY_MS = 5_000;
/** Bounds the ownerReferences lookup; far above any ReplicaSet's size. */
const MAX_OWNED = 100_000;

export function syncReplicaSet(ctx: ControllerContext, rs: KubeObject, adopt: boolean): void {
  const namespace = rs.metadata.namespace ?? "";
  const key = encodeOwnerKey(namespace, rs.metadata.name ?? "");
  const selector = labelSelectorFromObject(rsSpec(rs).selector);
  // Read everything before writing: adoption writes to the table being scanned.
  const candidates = adopt ? [...ctx.log.scan("pods", namespace)] : [...ownedPods(ctx, rs)];
  const active = claimObjects(ctx, "pods", rs, selector, candidates).filter(isPodActive);
  // A ReplicaSet being deleted keeps its status current but no longer replaces pods.
  const result: ManageResult = rs.metadata.deletionTimestamp ? { active, more: false } : manageReplicas(ctx, rs, active);
  const now = ctx.now();
  const { status, nextAvailableAt } = computeStatus(rs, result.active, result.failure, now);
  writeStatus(ctx, rs, status);
  if (result.failure !== undefined) scheduleNow(ctx, KIND, key, FAILURE_RETRY_MS);
  else if (result.more) scheduleNow(ctx, KIND, key);
  // minReadySeconds: look again exactly when the next ready pod turns available.
  if (nextAvailableAt !== undefined) scheduleNow(ctx, KIND, key, Math.max(0, nextAvailableAt - now.getTime()));
}

function ownedPods(ctx: ControllerContext, rs: KubeObject): KubeObject[] {
  return ctx.log.dependentObjects(rs.metadata.uid ?? "", "pods", MAX_OWNED);
}
