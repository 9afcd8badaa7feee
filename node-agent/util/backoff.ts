// Kubernetes' flowcontrol.Backoff, keyed per container or image: the first
// retry is immediate, then the delay doubles from `initialMs` up to `maxMs`.
// An entry untouched for `resetMs` (kubelet: twice the maximum, so a
// container that ran 10 minutes) starts over.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  resetMs: number;
}

export const CONTAINER_BACKOFF: BackoffPolicy = { initialMs: 10_000, maxMs: 300_000, resetMs: 600_000 };

interface Entry {
  delayMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly policy: BackoffPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The time left before `key` may be retried, counting from `since` (when
   * it last failed); 0 when it may go now.
   */
  remainingMs(key: string, since: number): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    const now = this.now();
    if (now - entry.lastUpdate > this.policy.resetMs) return 0;
    return Math.max(0, since + entry.delayMs - now);
  }

  /** The delay that applies after the next failure of `key`. */
  currentMs(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /** Records a retry of `key` now. */
  next(key: string): void {
    const now = this.now();
    const entry = this.entries.get(key);
    if (!entry || now - entry.lastUpdate > this.policy.resetMs) {
      this.entries.set(key, { delayMs: this.policy.initialMs, lastUpdate: now });
      return;
    }
    entry.delayMs = Math.min(entry.delayMs * 2, this.policy.maxMs);
    entry.lastUpdate = now;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Drops the entries whose key starts with `prefix` (a pod that is gone). */
  forget(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

/** Retry delays for calls to the control plane: 1 s doubling to 30 s. */
export class RetryDelay {
  private attempt = 0;

  constructor(
    private readonly firstMs = 1000,
    private readonly maxMs = 30_000,
  ) {}

  next(): number {
    const delay = Math.min(this.firstMs * 2 ** this.attempt, this.maxMs);
    this.attempt++;
    // Jitter keeps many agents that lost the control plane together from returning in step.
    return Math.round(delay * (0.8 + Math.random() * 0.4));
  }

  reset(): void {
    this.attempt = 0;
  }
}
