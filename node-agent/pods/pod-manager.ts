// The set of pod workers, driven by the level-triggered assignments: every
// pod bound here gets a worker, a worker whose pod is gone tears it down,
// and containers that belong to no assigned pod (a pod deleted while the
// agent was away) are removed. Container events wake the right worker.
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Pod } from "../../worker/schema/kinds.ts";
import { errorMessage } from "../log.ts";
import type { PodWorkerDeps } from "./deps.ts";
import { PodWorker } from "./pod-worker.ts";
import { podKey } from "./pod-identity.ts";

const SWEEP_INTERVAL_MS = 60_000;
const ORPHAN_GRACE_MS = 2_000;

export class PodManager {
  private readonly workers = new Map<string, PodWorker>();
  private stopEvents: (() => void) | undefined;
  private lastSweep = 0;
  private sweeping: Promise<void> | undefined;
  private rejected = new Set<string>();

  constructor(
    readonly deps: PodWorkerDeps,
    private readonly maxPods: number,
  ) {}

  start(): void {
    this.stopEvents = this.deps.runtime.watchEvents((event) => this.workers.get(event.podUid)?.requestSync());
  }

  /**
   * Stops the workers; containers keep running for the next agent to adopt.
   * Waits (up to `waitMs`) for syncs in flight, so a stopped agent is not
   * still creating containers.
   */
  async stop(waitMs = 5000): Promise<void> {
    this.stopEvents?.();
    for (const worker of this.workers.values()) worker.stop();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.workers.values()].map((w) => w.idle())),
      new Promise((resolve) => {
        timer = setTimeout(resolve, waitMs);
      }),
    ]);
    clearTimeout(timer);
  }

  worker(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  get podCount(): number {
    return this.workers.size;
  }

  /** The complete set of pods bound to this node, as the control plane sees it now. */
  setPods(pods: Pod[]): void {
    const wanted = new Map(pods.filter((p) => p.metadata.uid).map((p) => [p.metadata.uid ?? "", p]));
    for (const [uid, pod] of wanted) {
      const worker = this.workers.get(uid);
      if (worker) {
        worker.update(pod);
        continue;
      }
      if (this.rejected.has(uid)) continue;
      const active = [...this.workers.values()].filter((w) => !w.isFinished).length;
      if (active >= this.maxPods && !pod.metadata.deletionTimestamp) {
        this.reject(pod);
        continue;
      }
      this.add(pod);
    }
    for (const [uid, worker] of this.workers) if (!wanted.has(uid)) worker.remove();
    for (const uid of this.rejected) if (!wanted.has(uid)) this.rejected.delete(uid);
    if (Date.now() - this.lastSweep > SWEEP_INTERVAL_MS) void this.sweep(new Set(wanted.keys()));
  }

  private add(pod: Pod): void {
    const worker = new PodWorker(pod, this.deps);
    const uid = worker.uid;
    worker.onFinished = () => {
      if (this.workers.get(uid) === worker) this.workers.delete(uid);
    };
    this.workers.set(uid, worker);
    worker.requestSync();
  }

  /** Kubelet's admission: a pod beyond --max-pods fails on the node instead of running. */
  private reject(pod: Pod): void {
    const uid = pod.metadata.uid ?? "";
    this.rejected.add(uid);
    const message = `Node didn't have enough resource: pods, requested: 1, used: ${this.maxPods}, capacity: ${this.maxPods}`;
    this.deps.log.warn(`rejecting pod ${podKey(pod)}: ${message}`);
    this.deps.events.pod(pod, "Warning", "OutOfpods", message);
    void this.deps.status.patchStatus(pod, { status: { phase: "Failed", reason: "OutOfpods", message } }).catch((error: unknown) => {
      this.rejected.delete(uid);
      this.deps.log.warn(`rejecting pod ${podKey(pod)}: ${errorMessage(error)}`);
    });
  }

  /** Removes containers and pod directories of pods that are not assigned here. */
  sweep(assigned: Set<string>): Promise<void> {
    this.sweeping ??= this.sweepOnce(assigned).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepOnce(assigned: Set<string>): Promise<void> {
    this.lastSweep = Date.now();
    const { runtime, log } = this.deps;
    try {
      const containers = await runtime.listContainers();
      // Containers without a pod uid are the runtime's own (its OOM probe), not pods'.
      const orphans = containers.filter((c) => c.pod.uid !== "" && !assigned.has(c.pod.uid) && !this.workers.has(c.pod.uid));
      const pods = new Set(orphans.map((c) => c.pod.uid));
      if (orphans.length > 0) log.info(`removing ${orphans.length} container(s) of ${pods.size} pod(s) no longer bound to this node`);
      await Promise.all(orphans.filter((c) => c.phase === "running").map((c) => runtime.stopContainer(c.id, c.role === "sandbox" ? 0 : ORPHAN_GRACE_MS)));
      for (const c of orphans) await runtime.removeContainer(c.id);
      for (const uid of pods) await runtime.removePodVolumes(uid);
      let dirs: string[] = [];
      try {
        dirs = await readdir(this.deps.podsDir);
      } catch {
        dirs = [];
      }
      for (const uid of dirs) {
        if (assigned.has(uid) || this.workers.has(uid)) continue;
        await rm(join(this.deps.podsDir, uid), { recursive: true, force: true });
      }
    } catch (error) {
      log.warn(`cleaning up unassigned containers: ${errorMessage(error)}`);
    }
  }
}
