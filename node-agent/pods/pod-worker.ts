// One pod's worker: serializes syncs of desired spec against the runtime
// (triggered by spec updates, container events, probe changes, back-off
// timers and a periodic resync), runs termination when the pod is deleted,
// and reports status when — and only when — it differs from the server's.
import { join } from "node:path";
import { podReferences } from "../../worker/apimachinery/pod-references.ts";
import type { Pod, PodStatus } from "../../worker/schema/kinds.ts";
import { errorMessage } from "../log.ts";
import type { Logger } from "../log.ts";
import { ProbeManager } from "../probes/probe-manager.ts";
import type { ContainerDetails } from "../runtime/runtime.ts";
import { Backoff, RetryDelay } from "../util/backoff.ts";
import { rfc3339 } from "../util/time.ts";
import { PodVolumes } from "../volumes/pod-volumes.ts";
import { VolumeError } from "../volumes/projections.ts";
import { killContainer } from "./container-killer.ts";
import type { Waiting } from "./container-status.ts";
import type { PodWorkerDeps } from "./deps.ts";
import { containerFieldPath } from "./event-sink.ts";
import type { PodRuntimeFacts } from "./field-ref.ts";
import { PodObserver } from "./observation.ts";
import type { PodObservation } from "./observation.ts";
import { podKey } from "./pod-identity.ts";
import { computePodStatus } from "./pod-status.ts";
import { gracePeriodSeconds } from "./sandbox-spec.ts";
import { podStatusPatch } from "./status-patch.ts";
import { collectMessages } from "./termination-messages.ts";
import { ensureSandbox } from "./sync-sandbox.ts";
import { syncAppContainers, syncInitContainers } from "./sync-containers.ts";
import type { PodSyncContext } from "./sync-context.ts";
import { specOf } from "./sync-context.ts";

const KEEP_INSTANCES = 2;

function isTerminal(phase: string | undefined): boolean {
  return phase === "Succeeded" || phase === "Failed";
}

/** What the agent acts on: spec and the metadata that feeds deletion and the downward API. */
function desiredState(pod: Pod): string {
  const m = pod.metadata;
  return JSON.stringify([pod.spec, m.deletionTimestamp, m.deletionGracePeriodSeconds, m.labels, m.annotations]);
}

function revision(pod: Pod): number {
  const rv = Number(pod.metadata.resourceVersion);
  return Number.isFinite(rv) ? rv : Number.POSITIVE_INFINITY;
}

export class PodWorker implements PodSyncContext {
  pod: Pod;
  podIP = "";
  readonly log: Logger;
  readonly volumes: PodVolumes;
  readonly probes: ProbeManager;
  readonly backoff: Backoff;
  readonly waiting = new Map<string, Waiting>();
  /** Called once the pod's containers and files are gone. */
  onFinished: () => void = () => {};

  private server: PodStatus;
  private serverRevision: number;
  private readonly observer: PodObserver;
  private removed = false;
  private finished = false;
  private stopped = false;
  private running = false;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Number.POSITIVE_INFINITY;
  private readonly failures = new RetryDelay(1000, 30_000);
  private volumesReady = false;
  private lastVolumeRefresh = 0;
  private lastMetadata = "";
  private sandboxReady = false;
  private readonly startTime: string;
  private terminated: { reason?: string; message?: string } | undefined;
  private deletionConfirmed = false;
  private readonly messages = new Map<string, string>();
  private lastFailure = "";
  private phaseLogged: string | undefined;

  constructor(
    pod: Pod,
    readonly deps: PodWorkerDeps,
  ) {
    this.pod = pod;
    this.server = pod.status ?? {};
    this.serverRevision = revision(pod);
    this.startTime = this.server.startTime ?? rfc3339(new Date());
    const uid = pod.metadata.uid ?? "";
    this.log = deps.log.child(podKey(pod));
    this.volumes = new PodVolumes(join(deps.podsDir, uid), deps.runtime, deps.objects);
    this.observer = new PodObserver(deps.runtime, uid);
    this.backoff = new Backoff(deps.timing.backoff);
    this.probes = new ProbeManager(deps.runtime, {
      changed: (container, kind, result) => {
        this.log.info(`${kind} probe of ${container}: ${result}`);
        this.requestSync();
      },
      failed: (container, kind, message) => {
        const label = kind[0].toUpperCase() + kind.slice(1);
        this.deps.events.pod(this.pod, "Warning", "Unhealthy", `${label} probe failed: ${message}`, containerFieldPath(this.pod, container));
      },
    });
  }

  get uid(): string {
    return this.pod.metadata.uid ?? "";
  }

  /** A newer copy of the pod from the control plane. */
  update(pod: Pod): void {
    const rv = revision(pod);
    if (rv < this.serverRevision) return;
    const before = desiredState(this.pod);
    this.pod = pod;
    this.server = pod.status ?? {};
    this.serverRevision = rv;
    // Every status write (ours included) re-sends all of the node's pods; only
    // a change to what the pod asks for needs a sync now. Status drift is
    // caught by the periodic resync.
    if (desiredState(pod) !== before) this.requestSync();
  }

  /** The pod is no longer bound here: stop and remove everything. */
  remove(): void {
    this.removed = true;
    this.requestSync();
  }

  /** The agent is shutting down: stop timers and probes, leave containers running. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.probes.stopAll();
  }

  /** Resolves once no sync is in flight (after stop(), none starts again). */
  async idle(): Promise<void> {
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  get isFinished(): boolean {
    return this.finished;
  }

  requestSync(): void {
    if (this.finished || this.stopped) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    void this.loop();
  }

  schedule(ms: number): void {
    if (this.finished || this.stopped) return;
    const due = Date.now() + ms;
    if (this.timer && due >= this.timerDue) return;
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
      this.requestSync();
    }, Math.max(0, ms));
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      do {
        this.dirty = false;
        try {
          await this.sync();
          this.failures.reset();
          this.lastFailure = "";
        } catch (error) {
          const message = errorMessage(error);
          // The same failure every retry would flood the log; say it once.
          if (message !== this.lastFailure) this.log.warn(`sync failed (will retry): ${message}`);
          this.lastFailure = message;
          this.schedule(this.failures.next());
        }
      } while (this.dirty && !this.finished && !this.stopped);
    } finally {
      this.running = false;
    }
    if (!this.finished) this.schedule(this.deps.timing.resyncMs);
  }

  private facts(): PodRuntimeFacts {
    return { podIP: this.podIP, hostIP: this.deps.node.hostIP(), allocatable: this.deps.node.allocatable };
  }

  private async sync(): Promise<void> {
    const obs = await this.observer.observe();
    if (this.removed) return this.teardown(obs);
    if (this.pod.metadata.deletionTimestamp) return this.terminate(obs);
    if (isTerminal(this.server.phase) || this.terminated) return this.stopFinishedPod(obs);
    const deadline = this.pod.spec?.activeDeadlineSeconds;
    if (deadline !== undefined) {
      const left = Date.parse(this.startTime) + deadline * 1000 - Date.now();
      if (left <= 0) {
        this.terminated = { reason: "DeadlineExceeded", message: "Pod was active on the node longer than the specified deadline" };
        this.deps.events.pod(this.pod, "Normal", "DeadlineExceeded", this.terminated.message ?? "");
        return this.stopFinishedPod(obs);
      }
      this.schedule(left);
    }
    if (!(await this.ensureVolumes())) return this.report(obs);

    const { sandbox, created } = await ensureSandbox(this, obs);
    this.sandboxReady = sandbox !== undefined;
    let changed = created;
    let current = created ? await this.observer.observe() : obs;
    if (sandbox) {
      const init = await syncInitContainers(this, current, sandbox);
      changed ||= init.changed;
      if (init.done) {
        if (init.changed) current = await this.observer.observe();
        changed = (await syncAppContainers(this, current, sandbox)) || changed;
      }
    }
    const after = changed ? await this.observer.observe() : current;
    this.watchProbes(after, sandbox);
    await this.report(after);
    await this.collectGarbage(after);
  }

  private async ensureVolumes(): Promise<boolean> {
    const metadata = JSON.stringify([this.pod.metadata.labels, this.pod.metadata.annotations]);
    if (!this.volumesReady) {
      await this.prefetchReferences();
      try {
        await this.volumes.setUp(this.pod, this.facts());
      } catch (error) {
        if (!(error instanceof VolumeError)) throw error;
        this.deps.events.pod(this.pod, "Warning", "FailedMount", error.message);
        this.log.warn(error.message);
        this.schedule(Math.min(this.deps.timing.resyncMs, 5000));
        return false;
      }
      for (const note of this.volumes.notes.unsupported.splice(0)) {
        this.deps.events.pod(this.pod, "Warning", "FailedMount", `${note}: this node cannot issue service account tokens; the file is left out`);
      }
      this.volumesReady = true;
      this.lastVolumeRefresh = Date.now();
      this.lastMetadata = metadata;
      return true;
    }
    if (Date.now() - this.lastVolumeRefresh >= this.deps.timing.volumeRefreshMs || metadata !== this.lastMetadata) {
      this.lastVolumeRefresh = Date.now();
      this.lastMetadata = metadata;
      for (const problem of await this.volumes.refresh(this.pod, this.facts())) this.log.warn(`refreshing ${problem}`);
      this.volumes.notes.unsupported.length = 0;
    }
    this.schedule(this.deps.timing.volumeRefreshMs);
    return true;
  }

  /**
   * Fetches every ConfigMap and Secret the pod refers to (exactly what the
   * node credential may read) at once, so volumes and env vars then come
   * from the cache instead of one GET after another.
   */
  private async prefetchReferences(): Promise<void> {
    const refs = podReferences(this.pod.spec);
    const namespace = this.pod.metadata.namespace ?? "default";
    const { objects } = this.deps;
    await Promise.all([
      ...[...refs.configMaps].map((name) => objects.configMap(namespace, name).catch(() => undefined)),
      ...[...refs.secrets].map((name) => objects.secret(namespace, name).catch(() => undefined)),
    ]);
  }

  private watchProbes(obs: PodObservation, sandbox: ContainerDetails | undefined): void {
    const running = new Set<string>();
    if (sandbox) {
      for (const container of this.pod.spec?.containers ?? []) {
        const latest = obs.containers.get(container.name)?.[0];
        if (latest?.phase !== "running" || latest.sandboxId !== sandbox.id) continue;
        running.add(latest.id);
        this.probes.ensure(container, latest.id, latest.startedAt ?? latest.createdAt, this.podIP);
      }
    }
    this.probes.retain(running);
  }

  private async report(obs: PodObservation, strict = false): Promise<void> {
    const all = [...obs.containers.values()].flat();
    await this.deps.imageRefs.load(new Set(all.map((c) => c.imageId)));
    await collectMessages(this.deps.runtime, this.volumes, this.pod, obs, this.messages);
    const status = computePodStatus({
      pod: this.pod,
      observation: obs,
      ctx: {
        runtimeType: this.deps.runtime.type,
        waiting: this.waiting,
        probes: (container, id) => this.probes.status(container, id),
        imageRef: (id) => this.deps.imageRefs.ref(id),
        messages: this.messages,
      },
      podIP: this.podIP,
      hostIP: this.deps.node.hostIP(),
      previous: this.server,
      terminated: this.terminated,
      sandboxReady: this.sandboxReady,
      startTime: this.startTime,
      now: new Date(),
    });
    const patch = podStatusPatch(this.server, status);
    if (!patch) return;
    try {
      const updated = await this.deps.status.patchStatus(this.pod, patch);
      const wasTerminal = isTerminal(this.server.phase);
      if (updated) {
        this.server = updated.status ?? status;
        this.serverRevision = Math.max(this.serverRevision, revision(updated));
      }
      // Just finished: stop the sandbox now rather than at the next resync.
      if (!wasTerminal && isTerminal(this.server.phase)) this.dirty = true;
      if (status.phase !== this.phaseLogged) {
        this.log.info(`phase ${status.phase}${status.podIP ? ` (pod IP ${status.podIP})` : ""}`);
        this.phaseLogged = status.phase;
      }
    } catch (error) {
      if (strict) throw error;
      const message = `status update failed (pod keeps running; retrying): ${errorMessage(error)}`;
      if (message !== this.lastFailure) this.log.warn(message);
      this.lastFailure = message;
      this.schedule(this.failures.next());
    }
  }

  /** Stops what still runs of a pod that finished (terminal phase, deadline). */
  private async stopFinishedPod(obs: PodObservation): Promise<void> {
    await this.stopAll(obs, gracePeriodSeconds(this.pod));
    await this.report(await this.observer.observe());
  }

  private async stopAll(obs: PodObservation, graceSeconds: number): Promise<void> {
    this.probes.stopAll();
    const running = [...obs.containers.values()].flat().filter((c) => c.phase === "running" || c.phase === "created");
    await Promise.all(
      running.map((details) =>
        killContainer(this.deps, {
          pod: this.pod,
          details,
          container: graceSeconds > 0 ? specOf(this.pod, details.name) : undefined,
          graceSeconds,
          podIP: this.podIP,
          message: `Stopping container ${details.name}`,
        }),
      ),
    );
    for (const sandbox of obs.sandboxes) if (sandbox.phase === "running") await this.deps.runtime.stopContainer(sandbox.id, 0);
    this.sandboxReady = false;
  }

  /** Graceful deletion: stop everything, report the final status, then let the control plane remove the pod. */
  private async terminate(obs: PodObservation): Promise<void> {
    if (!this.terminated) {
      const grace = gracePeriodSeconds(this.pod);
      this.log.info(`stopping (grace period ${grace}s)`);
      await this.stopAll(obs, grace);
      this.terminated = {};
    }
    await this.report(await this.observer.observe(), true);
    if (!this.deletionConfirmed) {
      await this.deps.status.confirmDeletion(this.pod);
      this.deletionConfirmed = true;
      this.log.info("stopped; deletion confirmed");
    }
  }

  /** The pod left this node: remove its containers, volumes and files. */
  private async teardown(obs: PodObservation): Promise<void> {
    if (!this.terminated) await this.stopAll(obs, 0);
    const everything = [...obs.sandboxes, ...[...obs.containers.values()].flat()];
    for (const container of everything) await this.deps.runtime.removeContainer(container.id);
    await this.volumes.tearDown(this.uid);
    this.finished = true;
    clearTimeout(this.timer);
    this.probes.stopAll();
    this.log.info("removed");
    this.onFinished();
  }

  /** Old exited instances beyond the newest two per container, and dead sandboxes but the newest. */
  private async collectGarbage(obs: PodObservation): Promise<void> {
    for (const list of obs.containers.values()) {
      for (const old of list.slice(KEEP_INSTANCES)) if (old.phase === "exited") await this.deps.runtime.removeContainer(old.id);
    }
    for (const old of obs.sandboxes.slice(1)) if (old.phase === "exited") await this.deps.runtime.removeContainer(old.id);
  }
}
