// The active queue: a binary heap in kube-scheduler's default order
// (PrioritySort): higher spec.priority first, then earlier arrival.
import type { PodInfo } from "./types.ts";

export function before(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.createdMs !== b.createdMs) return a.createdMs < b.createdMs;
  return a.seq < b.seq;
}

export class PodHeap {
  private readonly items: PodInfo[] = [];

  get size(): number {
    return this.items.length;
  }

  push(pod: PodInfo): void {
    const items = this.items;
    items.push(pod);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): PodInfo | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop() as PodInfo;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && before(items[l], items[best])) best = l;
        if (r < items.length && before(items[r], items[best])) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
