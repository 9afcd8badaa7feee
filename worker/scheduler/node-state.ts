// One node as the scheduler sees it: its scheduling-relevant fields and the
// running totals of the pods bound to it, kept incrementally (add/remove) so
// a filter never has to look at the pods themselves for resource fit.
import type { KubeObject } from "../apimachinery/object.ts";
import type { Node } from "../schema/kinds.ts";
import { allocatableOf } from "./resources.ts";
import type { HostPort, Labels, PodInfo, Taint } from "./types.ts";

export const HOSTNAME_LABEL = "kubernetes.io/hostname";
export const ZONE_LABEL = "topology.kubernetes.io/zone";
const LEGACY_ZONE_LABEL = "failure-domain.beta.kubernetes.io/zone";

export class NodeState {
  /** False once the Node is deleted while pods still name it. */
  exists = false;
  labels: Labels = {};
  taints: readonly Taint[] = [];
  unschedulable = false;
  /** The Ready condition's status: "True", "False", "Unknown" or undefined when not reported. */
  ready: string | undefined = undefined;
  zone: string | undefined = undefined;
  allocCpu = 0;
  allocMemory = 0;
  allocPods = 0;
  /** Sum of bound pods' requests. */
  cpu = 0;
  memory = 0;
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();
  /** "TCP/80" -> host IP ("" for all) -> number of pods using it. */
  readonly ports = new Map<string, Map<string, number>>();
  /** Controller owner uid -> pods of it here. */
  readonly owners = new Map<string, number>();
  /** Scheduling-relevant fields, to tell a heartbeat from a change worth retrying pods for. */
  fingerprint = "";

  constructor(readonly name: string) {}

  /** Updates the node's own fields; returns whether anything scheduling-relevant changed. */
  setNode(object: KubeObject): boolean {
    const node = object as unknown as Node;
    this.exists = true;
    this.labels = object.metadata.labels ?? {};
    this.taints = (node.spec?.taints ?? []) as Taint[];
    this.unschedulable = node.spec?.unschedulable === true;
    this.ready = node.status?.conditions?.find((c) => c.type === "Ready")?.status;
    this.zone = this.labels[ZONE_LABEL] ?? this.labels[LEGACY_ZONE_LABEL];
    const alloc = allocatableOf(node.status);
    this.allocCpu = alloc.cpu;
    this.allocMemory = alloc.memory;
    this.allocPods = alloc.pods;
    const fingerprint = JSON.stringify([this.labels, this.taints, this.unschedulable, this.ready, alloc]);
    const changed = fingerprint !== this.fingerprint;
    this.fingerprint = fingerprint;
    return changed;
  }

  /** The node's value for a topology key; a missing hostname label falls back to the node's name. */
  topologyValue(key: string): string | undefined {
    if (Object.hasOwn(this.labels, key)) return this.labels[key];
    return key === HOSTNAME_LABEL ? this.name : undefined;
  }

  addPod(pod: PodInfo): void {
    this.pods.set(pod.key, pod);
    this.cpu += pod.cpu;
    this.memory += pod.memory;
    this.nonZeroCpu += pod.nonZeroCpu;
    this.nonZeroMemory += pod.nonZeroMemory;
    for (const p of pod.hostPorts) {
      let ips = this.ports.get(p.portKey);
      if (!ips) this.ports.set(p.portKey, (ips = new Map()));
      ips.set(p.ip, (ips.get(p.ip) ?? 0) + 1);
    }
    if (pod.ownerUid) this.owners.set(pod.ownerUid, (this.owners.get(pod.ownerUid) ?? 0) + 1);
  }

  removePod(pod: PodInfo): void {
    if (!this.pods.delete(pod.key)) return;
    this.cpu -= pod.cpu;
    this.memory -= pod.memory;
    this.nonZeroCpu -= pod.nonZeroCpu;
    this.nonZeroMemory -= pod.nonZeroMemory;
    for (const p of pod.hostPorts) {
      const ips = this.ports.get(p.portKey);
      const n = ips?.get(p.ip) ?? 0;
      if (!ips) continue;
      if (n <= 1) ips.delete(p.ip);
      else ips.set(p.ip, n - 1);
      if (ips.size === 0) this.ports.delete(p.portKey);
    }
    if (pod.ownerUid) {
      const n = this.owners.get(pod.ownerUid) ?? 0;
      if (n <= 1) this.owners.delete(pod.ownerUid);
      else this.owners.set(pod.ownerUid, n - 1);
    }
  }

  /** Kubernetes' rule: same protocol and port conflict when either side binds all addresses or both bind the same one. */
  portInUse(port: HostPort): boolean {
    const ips = this.ports.get(port.portKey);
    if (!ips || ips.size === 0) return false;
    return port.ip === "" || ips.has("") || ips.has(port.ip);
  }
}
