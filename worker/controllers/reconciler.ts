// The controller pattern, run from the Durable Object's alarm: a reconciler
// turns committed changes into timers (cheaply, after every commit) and, when
// a timer is due, reads current state and writes the difference through the
// store's write path. Alarms are at-least-once, so reconcile is idempotent.
import type { StoreContext } from "../store/verbs/context.ts";
import type { TimerQueue } from "../store/timer-queue.ts";
import type { PublishedChange } from "../store/watch-hub.ts";

export interface ControllerContext extends StoreContext {
  timers: TimerQueue;
}

export interface Reconciler {
  /** Timer kind; unique among reconcilers. */
  readonly kind: string;
  /** Schedules work for a committed change. Must not write. */
  observe(change: PublishedChange, ctx: ControllerContext): void;
  /** Brings `key` to its desired state with bounded work; reschedules itself if work remains. */
  reconcile(key: string, ctx: ControllerContext): void;
}

export function scheduleNow(ctx: ControllerContext, kind: string, key: string, delayMs = 0): void {
  ctx.timers.schedule(kind, key, ctx.now().getTime() + delayMs);
}
