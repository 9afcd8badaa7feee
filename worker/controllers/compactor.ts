// Keeps the change log to a window of recent revisions, in bounded batches.
// Watches from before the window get 410 Gone and re-list, as with etcd.
import type { Reconciler } from "./reconciler.ts";
import { scheduleNow } from "./reconciler.ts";

const KIND = "compactor";
/** Revisions kept for watch replay. */
export const COMPACTION_WINDOW = 10_000;
const BATCH = 2_000;

export const compactor: Reconciler = {
  kind: KIND,

  observe(_change, ctx) {
    if (ctx.log.revision - ctx.log.compactedRevision > COMPACTION_WINDOW + BATCH) scheduleNow(ctx, KIND, "log");
  },

  reconcile(_key, ctx) {
    if (ctx.log.compact(COMPACTION_WINDOW, BATCH) > 0) scheduleNow(ctx, KIND, "log");
  },
};
