// The one door for every mutation, from the API and from controllers alike:
// each batch of mutations is one SQLite transaction, one revision per object,
// and only after it commits are watchers and reconcilers told.
import type { KubeObject } from "../apimachinery/object.ts";
import type { ChangeType, RevisionLog } from "./revision-log.ts";
import type { PublishedChange, WatchHub } from "./watch-hub.ts";

export interface Mutation {
  type: ChangeType;
  resource: string;
  object: KubeObject;
  /** The object before this write, for selector-aware watch events and reconcile triggers. */
  previous?: KubeObject;
}

export type CommitListener = (changes: readonly PublishedChange[]) => void;
/** Runs inside the transaction before a mutation is written; may amend the object or refuse it by throwing. */
export type MutationPreparer = (mutation: Mutation) => void;

export class WritePath {
  private readonly listeners: CommitListener[] = [];
  private readonly preparers: MutationPreparer[] = [];
  /** Changes of the batch under way, published only once the whole batch commits. */
  private batchChanges: PublishedChange[] | undefined;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly log: RevisionLog,
    private readonly hub: WatchHub,
  ) {}

  /** Reconcilers register here to turn changes into timers. */
  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** Allocators (ClusterIPs, NodePorts, pod CIDRs) register here: allocation is part of the write. */
  onPrepare(preparer: MutationPreparer): void {
    this.preparers.push(preparer);
  }

  commit(mutations: readonly Mutation[]): PublishedChange[] {
    if (mutations.length === 0) return [];
    const append = () =>
      mutations.map((m) => {
        for (const prepare of this.preparers) prepare(m);
        return { ...this.log.append(m.type, m.resource, m.object), previous: m.previous };
      });
    if (this.batchChanges) {
      const changes = append();
      this.batchChanges.push(...changes);
      return changes;
    }
    const changes = this.transaction(append);
    this.announce(changes);
    return changes;
  }

  /**
   * Runs `work` (which may commit many times) as one transaction: if it
   * throws, nothing it wrote remains and nobody hears of it.
   */
  batch<T>(work: () => T): T {
    if (this.batchChanges) return work();
    this.batchChanges = [];
    try {
      const result = this.transaction(work);
      this.announce(this.batchChanges);
      return result;
    } finally {
      this.batchChanges = undefined;
    }
  }

  private transaction<T>(work: () => T): T {
    try {
      return this.storage.transactionSync(work);
    } catch (error) {
      this.log.reloadCounters();
      throw error;
    }
  }

  private announce(changes: readonly PublishedChange[]): void {
    if (changes.length === 0) return;
    this.hub.publish(changes);
    for (const listener of this.listeners) listener(changes);
  }
}
