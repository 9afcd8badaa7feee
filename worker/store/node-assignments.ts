// The node agents' long-poll: a request waits until a pod bound to its node
// changes (or its timeout passes), then gets that node's pods. Change
// detection reads the change log, so a restarted object loses nothing.
import type { KubeObject } from "../apimachinery/object.ts";
import type { RevisionLog } from "./revision-log.ts";
import type { PublishedChange } from "./watch-hub.ts";

export interface NodeAssignments {
  resourceVersion: string;
  pods: KubeObject[];
}

function nodeOf(object: KubeObject | undefined): string | undefined {
  return (object?.spec as { nodeName?: string } | undefined)?.nodeName;
}

export class NodeAssignmentWaiters {
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly log: RevisionLog) {}

  /** Wakes the waiters of every node whose pods these changes touch. */
  observe(changes: readonly PublishedChange[]): void {
    if (this.waiters.size === 0) return;
    for (const change of changes) {
      if (change.resource !== "pods") continue;
      for (const node of new Set([nodeOf(change.object), nodeOf(change.previous)])) {
        if (!node) continue;
        const waiting = this.waiters.get(node);
        if (!waiting) continue;
        this.waiters.delete(node);
        for (const wake of waiting) wake();
      }
    }
  }

  async poll(nodeName: string, resourceVersion: string | undefined, timeoutMs: number): Promise<NodeAssignments> {
    const since = resourceVersion ? Number(resourceVersion) : NaN;
    if (Number.isInteger(since) && !this.log.podsOnNodeChangedSince(nodeName, since)) {
      await this.wait(nodeName, timeoutMs);
    }
    return { resourceVersion: String(this.log.revision), pods: this.log.podsOnNode(nodeName) };
  }

  private wait(nodeName: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      let waiting = this.waiters.get(nodeName);
      if (!waiting) this.waiters.set(nodeName, (waiting = new Set()));
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        if (waiting.size === 0 && this.waiters.get(nodeName) === waiting) this.waiters.delete(nodeName);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      waiting.add(wake);
    });
  }
}
