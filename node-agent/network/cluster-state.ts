// The node's last known view of Services, Endpoints and Nodes. The watcher
// writes it; the pod network, the service proxy and DNS read it. It keeps its
// contents when the control plane goes away, so rules and answers stay put.
import type { Endpoints, Node, Service } from "../../worker/schema/kinds.ts";

export type ResourceKind = "services" | "endpoints" | "nodes";

export interface ClusterChange {
  kind: ResourceKind;
  /** performance.now() when the change arrived, to measure change → applied. */
  at: number;
}

type Listener = (change: ClusterChange) => void;

interface Objects {
  services: Service;
  endpoints: Endpoints;
  nodes: Node;
}

/** "namespace/name" (or just the name for cluster-scoped objects). */
export function objectKey(metadata: { namespace?: string; name?: string }): string {
  return metadata.namespace ? `${metadata.namespace}/${metadata.name ?? ""}` : (metadata.name ?? "");
}

export class ClusterState {
  readonly services = new Map<string, Service>();
  readonly endpoints = new Map<string, Endpoints>();
  readonly nodes = new Map<string, Node>();
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private map<K extends ResourceKind>(kind: K): Map<string, Objects[K]> {
    return this[kind] as Map<string, Objects[K]>;
  }

  /** Replaces everything of one kind (after a list). */
  replaceAll<K extends ResourceKind>(kind: K, objects: Objects[K][]): void {
    const map = this.map(kind);
    map.clear();
    for (const object of objects) map.set(objectKey(object.metadata), object);
    this.emit(kind);
  }

  upsert<K extends ResourceKind>(kind: K, object: Objects[K]): void {
    this.map(kind).set(objectKey(object.metadata), object);
    this.emit(kind);
  }

  remove<K extends ResourceKind>(kind: K, object: Objects[K]): void {
    this.map(kind).delete(objectKey(object.metadata));
    this.emit(kind);
  }

  private emit(kind: ResourceKind): void {
    const change = { kind, at: performance.now() };
    for (const listener of this.listeners) listener(change);
  }
}
