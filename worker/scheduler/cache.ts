// The scheduler's memory: nodes with their bound pods' totals, the pending
// pods and which of them wait in the active queue. Maintained from committed
// changes (observe) after one initial scan; storage stays the truth, so a
// fresh Durable Object instance simply rebuilds it.
import type { KubeObject } from "../apimachinery/object.ts";
import type { ChangeType } from "../store/revision-log.ts";
import { NodeState } from "./node-state.ts";
import { podInfoOf, schedulingChanged } from "./pod-info.ts";
import { PodHeap } from "./queue.ts";
import type { Labels, PodInfo } from "./types.ts";

type QueueState = "active" | "unschedulable" | "gated";

export class SchedulerCache {
  readonly nodes = new Map<string, NodeState>();
  readonly assigned = new Map<string, PodInfo>();
  readonly pending = new Map<string, PodInfo>();
  /** Bound pods with required anti-affinity: every incoming pod is checked against their terms. */
  readonly withRequiredAntiAffinity = new Set<PodInfo>();
  /** zone -> controller owner uid -> bound pods. */
  readonly zoneOwners = new Map<string, Map<string, number>>();
  readonly namespaceLabels = new Map<string, Labels>();
  /** Where kube-scheduler's next search over nodes starts, so sampled searches rotate. */
  nextStartIndex = 0;
  private readonly queueState = new Map<string, QueueState>();
  private readonly active = new PodHeap();
  private nodeArray: NodeState[] | undefined;
  private seq = 0;

  /** Existing nodes in a stable order. */
  nodeList(): NodeState[] {
    this.nodeArray ??= [...this.nodes.values()].filter((n) => n.exists);
    return this.nodeArray;
  }

  get activeCount(): number {
    let n = 0;
    for (const s of this.queueState.values()) if (s === "active") n++;
    return n;
  }

  get unschedulableCount(): number {
    let n = 0;
    for (const s of this.queueState.values()) if (s === "unschedulable") n++;
    return n;
  }

  hasActive(): boolean {
    return this.active.size > 0;
  }

  /** The next pod to schedule, skipping heap entries superseded by later updates. */
  popActive(): PodInfo | undefined {
    for (;;) {
      const pod = this.active.pop();
      if (!pod) return undefined;
      if (this.pending.get(pod.key) === pod && this.queueState.get(pod.key) === "active") {
        this.queueState.delete(pod.key);
        return pod;
      }
    }
  }

  /** Puts a popped pod that was neither bound nor failed back (e.g. the run's budget ran out). */
  requeue(pod: PodInfo): void {
    if (this.pending.get(pod.key) !== pod) return;
    this.queueState.set(pod.key, "active");
    this.active.push(pod);
  }

  markUnschedulable(pod: PodInfo): void {
    if (this.pending.get(pod.key) === pod) this.queueState.set(pod.key, "unschedulable");
  }

  /** Something changed that may let waiting pods fit: all of them go back to the active queue. */
  moveAllToActive(): number {
    let moved = 0;
    for (const [key, state] of this.queueState) {
      if (state !== "unschedulable") continue;
      const pod = this.pending.get(key);
      if (!pod) continue;
      this.queueState.set(key, "active");
      this.active.push(pod);
      moved++;
    }
    return moved;
  }

  /** Records a binding before its change comes back through observe, so later pods see the capacity taken. */
  assume(pod: PodInfo, nodeName: string, bound: KubeObject): void {
    this.removePending(pod.key);
    this.addAssigned({ ...pod, nodeName, object: bound });
  }

  applyNamespace(type: ChangeType, object: KubeObject): void {
    const name = object.metadata.name ?? "";
    if (type === "DELETED") this.namespaceLabels.delete(name);
    else this.namespaceLabels.set(name, object.metadata.labels ?? {});
  }

  /** Returns whether pending pods should be retried. */
  applyNode(type: ChangeType, object: KubeObject): boolean {
    const name = object.metadata.name ?? "";
    let node = this.nodes.get(name);
    if (type === "DELETED") {
      if (!node) return false;
      node.exists = false;
      this.nodeArray = undefined;
      if (node.pods.size === 0) this.nodes.delete(name);
      return false;
    }
    if (!node) this.nodes.set(name, (node = new NodeState(name)));
    if (!node.exists) this.nodeArray = undefined;
    const zone = node.zone;
    if (zone) this.countZone(node, -1);
    const changed = node.setNode(object);
    if (node.zone) this.countZone(node, 1);
    return changed;
  }

  /** Returns whether pending pods should be retried (capacity freed or labels changed). */
  applyPod(type: ChangeType, object: KubeObject): boolean {
    const key = `${object.metadata.namespace ?? ""}/${object.metadata.name ?? ""}`;
    if (type === "DELETED") {
      this.removePending(key);
      return this.removeAssigned(key);
    }
    const spec = object.spec as { nodeName?: string } | undefined;
    const phase = (object.status as { phase?: string } | undefined)?.phase;
    const terminal = phase === "Succeeded" || phase === "Failed";
    if (spec?.nodeName) {
      this.removePending(key);
      if (terminal) return this.removeAssigned(key);
      const old = this.assigned.get(key);
      if (old && old.uid === object.metadata.uid && old.nodeName === spec.nodeName && sameLabels(old.labels, object.metadata.labels)) {
        return false;
      }
      const freed = this.removeAssigned(key);
      this.addAssigned(podInfoOf(object, this.seq++));
      return freed;
    }
    this.removeAssigned(key);
    const old = this.pending.get(key);
    const info = podInfoOf(object, old?.seq ?? this.seq++);
    if (!info.ours || info.deleting || terminal) {
      this.removePending(key);
      return false;
    }
    this.pending.set(key, info);
    const state = this.queueState.get(key);
    if (info.gated) this.queueState.set(key, "gated");
    else if (state === "active") this.active.push(info);
    // A status write (ours included) must not wake a pod that waits for the cluster to change.
    else if (state === "unschedulable" && old && !schedulingChanged(old.object, object)) return false;
    else {
      this.queueState.set(key, "active");
      this.active.push(info);
    }
    return false;
  }

  private removePending(key: string): void {
    if (this.pending.delete(key)) this.queueState.delete(key);
  }

  private addAssigned(pod: PodInfo): void {
    const name = pod.nodeName ?? "";
    let node = this.nodes.get(name);
    if (!node) this.nodes.set(name, (node = new NodeState(name)));
    node.addPod(pod);
    this.assigned.set(pod.key, pod);
    if (pod.antiAffinity.length > 0) this.withRequiredAntiAffinity.add(pod);
    if (node.zone && pod.ownerUid) this.countOwner(node.zone, pod.ownerUid, 1);
  }

  private removeAssigned(key: string): boolean {
    const pod = this.assigned.get(key);
    if (!pod) return false;
    this.assigned.delete(key);
    this.withRequiredAntiAffinity.delete(pod);
    const node = this.nodes.get(pod.nodeName ?? "");
    if (node) {
      node.removePod(pod);
      if (node.zone && pod.ownerUid) this.countOwner(node.zone, pod.ownerUid, -1);
      if (!node.exists && node.pods.size === 0) this.nodes.delete(node.name);
    }
    return true;
  }

  private countZone(node: NodeState, delta: number): void {
    if (!node.zone) return;
    for (const [uid, n] of node.owners) this.countOwner(node.zone, uid, delta * n);
  }

  private countOwner(zone: string, uid: string, delta: number): void {
    let owners = this.zoneOwners.get(zone);
    if (!owners) this.zoneOwners.set(zone, (owners = new Map()));
    const n = (owners.get(uid) ?? 0) + delta;
    if (n <= 0) owners.delete(uid);
    else owners.set(uid, n);
  }
}

function sameLabels(a: Labels, b: Record<string, string> | undefined): boolean {
  const bb = b ?? {};
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(bb).length) return false;
  for (const k of ak) if (a[k] !== bb[k]) return false;
  return true;
}
