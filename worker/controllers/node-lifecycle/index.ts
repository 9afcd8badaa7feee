// The node lifecycle controller of kube-controller-manager: nodes whose
// heartbeat (Lease renewal or Ready heartbeat) lapses become Unknown and are
// tainted; NoExecute taints evict pods once their tolerations run out; pods
// stuck terminating on a node that cannot confirm it are force-deleted.
//
// No node is polled: each heartbeat moves the node's timer to the moment its
// silence would matter (the timer table keeps the earliest, so a node costs
// one reconcile per grace period while healthy), and pod timers are set for
// the next eviction or force deletion that is due.
import { deepEqual } from "../../apimachinery/json-value.ts";
import type { KubeObject } from "../../apimachinery/object.ts";
import type { Lease, Node, Pod } from "../../schema/kinds.ts";
import type { PublishedChange } from "../../store/watch-hub.ts";
import type { ControllerContext, Reconciler } from "../reconciler.ts";
import { scheduleNow } from "../reconciler.ts";
import { healthDeadline, readyHeartbeatOf, renewTimeOf } from "./heartbeat.ts";
import { nodeNeedsPodPass, rememberNode } from "./node-health-cache.ts";
import { handlePodsOnNode } from "./node-pods.ts";
import { updateNodeHealth } from "./node-health.ts";
import { forceDelete } from "./pod-actions.ts";
import { LEASE_NAMESPACE, NODE_MONITOR_GRACE_MS, POD_BATCH } from "./settings.ts";

const KIND = "node-lifecycle";
/** Key prefix for the pods of a deleted node (pod GC's orphan collection). */
const ORPHANS = "orphans:";

function observeLease(change: PublishedChange, ctx: ControllerContext): void {
  const lease = change.object as unknown as Lease;
  if (lease.metadata.namespace !== LEASE_NAMESPACE) return;
  const name = lease.metadata.name ?? "";
  const renewed = renewTimeOf(lease);
  const previous = renewTimeOf(change.previous as unknown as Lease | undefined);
  // A lease that had lapsed may have left the node Unknown: look at it now rather than at the next deadline.
  const lapsed = previous === undefined || previous + NODE_MONITOR_GRACE_MS <= ctx.now().getTime();
  if (change.type !== "MODIFIED" || renewed === undefined || lapsed) return scheduleNow(ctx, KIND, name);
  ctx.timers.schedule(KIND, name, renewed + NODE_MONITOR_GRACE_MS);
}

function conditionStatuses(node: Node | undefined): Record<string, string> {
  return Object.fromEntries((node?.status?.conditions ?? []).map((c) => [c.type, c.status]));
}

function observeNode(change: PublishedChange, ctx: ControllerContext): void {
  const node = change.object as unknown as Node;
  const name = node.metadata.name ?? "";
  rememberNode(ctx.log, node, change.type === "DELETED");
  if (change.type === "DELETED") return scheduleNow(ctx, KIND, ORPHANS + name);
  const before = change.previous as unknown as Node | undefined;
  if (
    change.type === "ADDED" ||
    !deepEqual(conditionStatuses(before), conditionStatuses(node)) ||
    !deepEqual(before?.spec?.taints ?? [], node.spec?.taints ?? []) ||
    before?.spec?.unschedulable !== node.spec?.unschedulable
  ) {
    return scheduleNow(ctx, KIND, name);
  }
  const heartbeat = readyHeartbeatOf(node);
  if (heartbeat !== undefined && heartbeat !== (before ? readyHeartbeatOf(before) : undefined)) {
    ctx.timers.schedule(KIND, name, heartbeat + NODE_MONITOR_GRACE_MS);
  }
}

function isReady(pod: Pod | undefined): boolean {
  return pod?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** Pods that arrive on, change tolerations on, start terminating on or turn ready on an unhealthy or NoExecute-tainted node. */
function observePod(change: PublishedChange, ctx: ControllerContext): void {
  if (change.type === "DELETED") return;
  const pod = change.object as unknown as Pod;
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return;
  const before = change.previous as unknown as Pod | undefined;
  const relevant =
    !before ||
    before.spec?.nodeName !== nodeName ||
    !deepEqual(before.spec?.tolerations ?? [], pod.spec?.tolerations ?? []) ||
    (!before.metadata.deletionTimestamp && pod.metadata.deletionTimestamp !== undefined) ||
    (!isReady(before) && isReady(pod));
  if (!relevant) return;
  if (nodeNeedsPodPass(ctx.log, nodeName)) scheduleNow(ctx, KIND, nodeName);
}

/** Pods bound to a node that no longer exists have nobody to run or stop them. */
function collectOrphans(ctx: ControllerContext, nodeName: string): void {
  if (ctx.log.read({ resource: "nodes", namespace: "", name: nodeName })) return;
  const pods = ctx.log.podsOnNode(nodeName);
  for (const pod of pods.slice(0, POD_BATCH)) forceDelete(ctx, pod);
  if (pods.length > POD_BATCH) scheduleNow(ctx, KIND, ORPHANS + nodeName);
}

function reconcileNode(ctx: ControllerContext, name: string): void {
  const stored = ctx.log.read({ resource: "nodes", namespace: "", name });
  if (!stored) return;
  const lease = ctx.log.read({ resource: "leases", namespace: LEASE_NAMESPACE, name }) as Lease | undefined;
  const nowMs = ctx.now().getTime();
  const deadline = healthDeadline(stored as unknown as Node, lease, nowMs);
  const node: KubeObject = updateNodeHealth(ctx, stored, deadline <= nowMs);
  if (deadline > nowMs) ctx.timers.schedule(KIND, name, deadline);
  const pass = handlePodsOnNode(ctx, node as unknown as Node, nowMs);
  if (pass.more) scheduleNow(ctx, KIND, name);
  else if (pass.nextAt !== undefined) ctx.timers.schedule(KIND, name, pass.nextAt);
}

export const nodeLifecycleController: Reconciler = {
  kind: KIND,

  observe(change, ctx) {
    if (change.resource === "leases") observeLease(change, ctx);
    else if (change.resource === "nodes") observeNode(change, ctx);
    else if (change.resource === "pods") observePod(change, ctx);
  },

  reconcile(key, ctx) {
    if (key.startsWith(ORPHANS)) collectOrphans(ctx, key.slice(ORPHANS.length));
    else reconcileNode(ctx, key);
  },
};
