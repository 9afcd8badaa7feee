// kube-scheduler as a reconciler on the cluster object's alarm. One timer
// key drives the active queue; observe() keeps the in-memory cache current
// and wakes the queue only when there is something to schedule. Pods that
// fit nowhere wait until a node or pod change could help (or a five-minute
// flush, as kube-scheduler's podMaxInUnschedulablePodsDuration), never in a loop.
import { recordEvent } from "../controllers/event-recorder.ts";
import type { ControllerContext, Reconciler } from "../controllers/reconciler.ts";
import { scheduleNow } from "../controllers/reconciler.ts";
import { bindPod, markPodUnschedulable } from "./bind.ts";
import { SchedulerCache } from "./cache.ts";
import { DEFAULT_SCHEDULER } from "./pod-info.ts";
import { scheduleOne } from "./schedule-one.ts";

export const SCHEDULER_KIND = "scheduler";
const QUEUE_KEY = "queue";
const FLUSH_KEY = "flush-unschedulable";
/**
 * Work bounds per alarm run, so API requests are never starved. A deployed
 * Worker's clock stands still while code runs, so the ~40 ms budget is
 * estimated in work units: one per node filtered plus WRITE_COST per pod
 * written (measured in workerd: a binding with its event costs about as much
 * as filtering 800 nodes). The clock check only helps where time does move.
 */
export const MAX_PODS_PER_RUN = 1000;
const WORK_BUDGET_PER_RUN = 200_000;
const WRITE_COST = 800;
const RUN_BUDGET_MS = 40;
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;
/** kube-scheduler records "Scheduled" for every binding; kubectl describe shows it. */
const RECORD_SCHEDULED_EVENTS = true;

interface SchedulerMemory {
  cache: SchedulerCache | undefined;
  /** A queue timer is known to be pending, so observe need not write another. */
  woken: boolean;
}

// Keyed by the cluster object's log: several clusters' objects can share one isolate.
const memories = new WeakMap<object, SchedulerMemory>();

function memoryOf(ctx: ControllerContext): SchedulerMemory {
  let memory = memories.get(ctx.log);
  if (!memory) memories.set(ctx.log, (memory = { cache: undefined, woken: false }));
  return memory;
}

function wake(ctx: ControllerContext, memory: SchedulerMemory): void {
  if (memory.woken) return;
  memory.woken = true;
  scheduleNow(ctx, SCHEDULER_KIND, QUEUE_KEY);
}

/** The cache, built by one scan of storage on first use after the object starts. */
export function schedulerCache(ctx: ControllerContext): SchedulerCache {
  const memory = memoryOf(ctx);
  if (memory.cache) return memory.cache;
  const cache = new SchedulerCache();
  for (const ns of ctx.log.scan("namespaces")) cache.applyNamespace("ADDED", ns);
  for (const node of ctx.log.scan("nodes")) cache.applyNode("ADDED", node);
  for (const pod of ctx.log.scan("pods")) cache.applyPod("ADDED", pod);
  memory.cache = cache;
  return cache;
}

export interface RunStats {
  attempted: number;
  bound: number;
  unschedulable: number;
}

/** Schedules pods from the active queue within the run's bounds; all bindings in one transaction. */
export function runSchedulingQueue(ctx: ControllerContext, cache: SchedulerCache): RunStats {
  const stats: RunStats = { attempted: 0, bound: 0, unschedulable: 0 };
  const started = Date.now();
  let work = 0;
  ctx.writes.batch(() => {
    while (stats.attempted < MAX_PODS_PER_RUN && work < WORK_BUDGET_PER_RUN && Date.now() - started < RUN_BUDGET_MS) {
      const pod = cache.popActive();
      if (!pod) break;
      stats.attempted++;
      const result = scheduleOne(cache, pod);
      work += result.evaluated + WRITE_COST;
      if (result.node) {
        const bound = bindPod(ctx, pod.object, result.node.name);
        cache.assume(pod, result.node.name, bound);
        stats.bound++;
        if (RECORD_SCHEDULED_EVENTS) {
          const message = `Successfully assigned ${pod.namespace}/${pod.name} to ${result.node.name}`;
          recordEvent(ctx, bound, "Normal", "Scheduled", message, DEFAULT_SCHEDULER);
        }
      } else {
        cache.markUnschedulable(pod);
        stats.unschedulable++;
        markPodUnschedulable(ctx, pod.object, result.message);
        recordEvent(ctx, pod.object, "Warning", "FailedScheduling", result.message, DEFAULT_SCHEDULER);
      }
    }
  });
  return stats;
}

export const schedulerReconciler: Reconciler = {
  kind: SCHEDULER_KIND,

  observe(change, ctx) {
    const { resource } = change;
    if (resource !== "pods" && resource !== "nodes" && resource !== "namespaces") return;
    const memory = memoryOf(ctx);
    const cache = memory.cache;
    if (!cache) {
      // Not loaded yet: the first run scans storage, which already holds this change.
      const nodeName = (change.object.spec as { nodeName?: string } | undefined)?.nodeName;
      if (resource === "nodes" || (resource === "pods" && (change.type === "DELETED" || !nodeName))) wake(ctx, memory);
      return;
    }
    let retry = false;
    if (resource === "namespaces") cache.applyNamespace(change.type, change.object);
    else if (resource === "nodes") retry = cache.applyNode(change.type, change.object);
    else retry = cache.applyPod(change.type, change.object);
    if (retry) cache.moveAllToActive();
    if (cache.hasActive()) wake(ctx, memory);
  },

  reconcile(key, ctx) {
    const memory = memoryOf(ctx);
    memory.woken = false;
    const cache = schedulerCache(ctx);
    if (key === FLUSH_KEY) cache.moveAllToActive();
    let stats: RunStats;
    try {
      stats = runSchedulingQueue(ctx, cache);
    } catch (error) {
      // The run's writes were rolled back but the cache assumed them: rebuild it from storage next time.
      memory.cache = undefined;
      throw error;
    }
    if (cache.hasActive()) wake(ctx, memory);
    if (stats.unschedulable > 0) scheduleNow(ctx, SCHEDULER_KIND, FLUSH_KEY, UNSCHEDULABLE_FLUSH_MS);
  },
};
