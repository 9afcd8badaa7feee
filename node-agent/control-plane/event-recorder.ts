// Kubernetes Events for what the agent does to pods and its node, posted in
// the background. A repeat of the same event within ten minutes bumps the
// count of the existing one instead of creating another (kubelet's
// correlator, simplified). Events are best effort: when the control plane is
// unreachable they are dropped rather than piling up.
import { randomBytes } from "node:crypto";
import type { Event, Pod } from "../../worker/schema/kinds.ts";
import { errorMessage } from "../log.ts";
import type { Logger } from "../log.ts";
import type { EventSink, EventType } from "../pods/event-sink.ts";
import { rfc3339 } from "../util/time.ts";
import type { KubeClient } from "./kube-client.ts";

const MAX_QUEUE = 1000;
const AGGREGATE_MS = 10 * 60_000;
const MAX_REMEMBERED = 4096;

interface Pending {
  namespace: string;
  key: string;
  event: Event;
}

interface Seen {
  name: string;
  namespace: string;
  count: number;
  first: number;
}

export class EventRecorder implements EventSink {
  private readonly queue: Pending[] = [];
  private readonly seen = new Map<string, Seen>();
  private draining = false;
  private dropped = 0;

  constructor(
    private readonly client: KubeClient,
    private readonly nodeName: string,
    private readonly log: Logger,
  ) {}

  pod(pod: Pod, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const namespace = pod.metadata.namespace ?? "default";
    this.enqueue(namespace, {
      kind: "Pod",
      apiVersion: "v1",
      namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      ...(fieldPath ? { fieldPath } : {}),
    }, pod.metadata.name ?? "pod", type, reason, message);
  }

  node(type: EventType, reason: string, message: string): void {
    this.enqueue("default", { kind: "Node", name: this.nodeName, uid: this.nodeName, apiVersion: "v1" }, this.nodeName, type, reason, message);
  }

  private enqueue(namespace: string, involved: Event["involvedObject"], baseName: string, type: EventType, reason: string, message: string): void {
    if (this.queue.length >= MAX_QUEUE) {
      this.dropped++;
      return;
    }
    const now = new Date();
    const event: Event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `${baseName}.${randomBytes(8).toString("hex")}`, namespace },
      involvedObject: involved,
      reason,
      message,
      type,
      source: { component: "kubelet", host: this.nodeName },
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      reportingComponent: "kubelet",
      reportingInstance: this.nodeName,
    };
    const key = [involved.uid, involved.fieldPath ?? "", type, reason, message].join("\u0000");
    this.queue.push({ namespace, key, event });
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        try {
          await this.send(next);
        } catch (error) {
          // Unreachable or refused: drop this backlog instead of hammering a struggling server.
          this.dropped += this.queue.length + 1;
          this.queue.length = 0;
          this.log.debug(`event not recorded: ${errorMessage(error)}`);
        }
      }
      if (this.dropped > 0) {
        this.log.debug(`${this.dropped} event(s) dropped while the control plane was unreachable`);
        this.dropped = 0;
      }
    } finally {
      this.draining = false;
    }
  }

  private async send(pending: Pending): Promise<void> {
    const previous = this.seen.get(pending.key);
    const now = Date.now();
    if (previous && now - previous.first < AGGREGATE_MS) {
      previous.count++;
      try {
        await this.client.patchEvent(previous.namespace, previous.name, { count: previous.count, lastTimestamp: pending.event.lastTimestamp });
        return;
      } catch {
        // The old event is gone (expired, or another store): post a fresh one below.
      }
    }
    await this.client.createEvent(pending.namespace, pending.event);
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.set(pending.key, { name: pending.event.metadata.name ?? "", namespace: pending.namespace, count: 1, first: now });
  }
}
