// Reconciling a pod's containers against their instances in the runtime:
// init containers one at a time, in order, each to success; then every app
// container started, kept healthy (liveness, startup, spec changes) and
// restarted per restartPolicy with crash back-off.
import type { Container } from "../../worker/schema/kinds.ts";
import type { ContainerDetails } from "../runtime/runtime.ts";
import { killContainer } from "./container-killer.ts";
import { containerHash } from "./container-hash.ts";
import { startContainer } from "./container-starter.ts";
import { containerFieldPath } from "./event-sink.ts";
import type { PodObservation } from "./observation.ts";
import { crashLoopMessage, shouldRestart } from "./restart-policy.ts";
import { gracePeriodSeconds } from "./sandbox-spec.ts";
import type { PodSyncContext } from "./sync-context.ts";

export interface InitResult {
  done: boolean;
  /** An init container failed for good (restartPolicy Never). */
  failed: boolean;
  changed: boolean;
}

async function start(ctx: PodSyncContext, container: Container, role: "init" | "app", attempt: number, sandbox: ContainerDetails): Promise<void> {
  const outcome = await startContainer(ctx.deps, { pod: ctx.pod, container, role, attempt, sandbox, podIP: ctx.podIP, volumes: ctx.volumes });
  if (outcome.started) {
    ctx.waiting.delete(container.name);
    ctx.log.info(`started ${role === "init" ? "init container" : "container"} ${container.name}${attempt > 0 ? ` (restart ${attempt})` : ""}`);
    return;
  }
  if (outcome.waiting) {
    ctx.waiting.set(container.name, outcome.waiting);
    ctx.log.warn(`${container.name}: ${outcome.waiting.reason}: ${outcome.waiting.message ?? ""}`);
  } else ctx.waiting.delete(container.name);
  ctx.schedule(outcome.retryInMs ?? ctx.deps.timing.resyncMs);
}

/** Restarts an exited container unless it is in crash back-off; true if it started one. */
async function restartAfterBackoff(ctx: PodSyncContext, container: Container, role: "init" | "app", latest: ContainerDetails, sandbox: ContainerDetails): Promise<boolean> {
  const finishedAt = latest.finishedAt?.getTime() ?? Date.now();
  const wait = ctx.backoff.remainingMs(container.name, finishedAt);
  if (wait > 0) {
    const message = crashLoopMessage(ctx.pod, container.name, ctx.backoff.currentMs(container.name));
    if (ctx.waiting.get(container.name)?.reason !== "CrashLoopBackOff") {
      const m = ctx.pod.metadata;
      ctx.deps.events.pod(ctx.pod, "Warning", "BackOff", `Back-off restarting failed container ${container.name} in pod ${m.name}_${m.namespace}(${m.uid})`, containerFieldPath(ctx.pod, container.name));
    }
    ctx.waiting.set(container.name, { reason: "CrashLoopBackOff", message });
    ctx.schedule(wait);
    return false;
  }
  ctx.backoff.next(container.name);
  await start(ctx, container, role, latest.attempt + 1, sandbox);
  return true;
}

export async function syncInitContainers(ctx: PodSyncContext, obs: PodObservation, sandbox: ContainerDetails): Promise<InitResult> {
  let changed = false;
  for (const container of ctx.pod.spec?.initContainers ?? []) {
    const instances = obs.containers.get(container.name) ?? [];
    // Init containers run again in a new sandbox; only this sandbox's runs count.
    const current = instances.filter((i) => i.sandboxId === sandbox.id);
    const latest = current[0];
    if (latest?.phase === "running") return { done: false, failed: false, changed };
    if (latest?.phase === "exited" && latest.exitCode === 0) continue;
    if (latest?.phase === "created") {
      await ctx.deps.runtime.removeContainer(latest.id);
      await start(ctx, container, "init", latest.attempt, sandbox);
      return { done: false, failed: false, changed: true };
    }
    const nextAttempt = instances[0] ? instances[0].attempt + 1 : 0;
    if (latest?.phase === "exited") {
      if ((ctx.pod.spec?.restartPolicy ?? "Always") === "Never") return { done: false, failed: true, changed };
      changed = await restartAfterBackoff(ctx, container, "init", latest, sandbox);
      return { done: false, failed: false, changed };
    }
    await start(ctx, container, "init", nextAttempt, sandbox);
    return { done: false, failed: false, changed: true };
  }
  return { done: true, failed: false, changed };
}

/** Why a running container must be stopped now, if it must. */
function stopReason(ctx: PodSyncContext, container: Container, latest: ContainerDetails, sandbox: ContainerDetails): { message: string; grace?: number; restartNow: boolean } | undefined {
  if (latest.sandboxId && latest.sandboxId !== sandbox.id) return { message: `Container ${container.name} belongs to an old sandbox, will be restarted`, restartNow: true };
  if (latest.hash && latest.hash !== containerHash(container)) return { message: `Container ${container.name} definition changed, will be restarted`, restartNow: true };
  const health = ctx.probes.status(container, latest.id);
  if (health.unhealthy) {
    const probe = health.unhealthy === "liveness" ? container.livenessProbe : container.startupProbe;
    return { message: `Container ${container.name} failed ${health.unhealthy} probe, will be restarted`, grace: probe?.terminationGracePeriodSeconds, restartNow: false };
  }
  return undefined;
}

export async function syncAppContainers(ctx: PodSyncContext, obs: PodObservation, sandbox: ContainerDetails): Promise<boolean> {
  let changed = false;
  const { deps, pod } = ctx;
  for (const container of pod.spec?.containers ?? []) {
    const instances = obs.containers.get(container.name) ?? [];
    let latest = instances[0];
    if (latest?.phase === "running") {
      const reason = stopReason(ctx, container, latest, sandbox);
      if (!reason) continue;
      ctx.log.info(reason.message);
      await killContainer(deps, { pod, details: latest, container, graceSeconds: reason.grace ?? gracePeriodSeconds(pod), podIP: ctx.podIP, message: reason.message });
      changed = true;
      const stopped = await deps.runtime.inspectContainer(latest.id);
      if (reason.restartNow || !stopped) {
        await start(ctx, container, "app", latest.attempt + 1, sandbox);
        continue;
      }
      latest = stopped;
    }
    if (latest?.phase === "created") {
      // Left behind between create and start (an agent that died mid-way): create it afresh.
      await deps.runtime.removeContainer(latest.id);
      await start(ctx, container, "app", latest.attempt, sandbox);
      changed = true;
      continue;
    }
    if (!latest) {
      await start(ctx, container, "app", 0, sandbox);
      changed = true;
      continue;
    }
    if (latest.phase !== "exited" || !shouldRestart(pod, latest.exitCode)) {
      ctx.waiting.delete(container.name);
      continue;
    }
    if (await restartAfterBackoff(ctx, container, "app", latest, sandbox)) changed = true;
  }
  return changed;
}
