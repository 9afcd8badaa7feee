// One container's status from its instances in the runtime, the reason the
// worker gave for keeping it waiting, and its probes: kubelet's
// convertToAPIContainerStatuses, reduced to what a Docker node observes.
import type { Container, ContainerState, ContainerStatus } from "../../worker/schema/kinds.ts";
import type { ProbeStatus } from "../probes/probe-manager.ts";
import type { ContainerDetails } from "../runtime/runtime.ts";
import { rfc3339 } from "../util/time.ts";

export interface Waiting {
  reason: string;
  message?: string;
}

export interface StatusContext {
  runtimeType: string;
  /** Why the worker holds a container back (CrashLoopBackOff, ErrImagePull, …), by name. */
  waiting: ReadonlyMap<string, Waiting>;
  probes(container: Container, containerId: string): ProbeStatus;
  /** The imageID to report for an image ("docker-pullable://…@sha256:…" or "docker://sha256:…"). */
  imageRef(imageId: string): string;
  /** Termination messages by container id. */
  messages: ReadonlyMap<string, string>;
}

export function terminatedReason(d: ContainerDetails): string {
  if (d.oomKilled) return "OOMKilled";
  if (d.error && !d.startedAt) return "ContainerCannotRun";
  return d.exitCode === 0 ? "Completed" : "Error";
}

export function terminated(d: ContainerDetails, ctx: StatusContext): ContainerState {
  const message = ctx.messages.get(d.id) || (d.error && !d.startedAt ? d.error : undefined);
  return {
    terminated: {
      exitCode: d.exitCode ?? 137,
      reason: terminatedReason(d),
      ...(message ? { message } : {}),
      startedAt: rfc3339(d.startedAt ?? d.createdAt),
      finishedAt: rfc3339(d.finishedAt ?? d.createdAt),
      containerID: `${ctx.runtimeType}://${d.id}`,
    },
  };
}

export function containerStatus(container: Container, instances: ContainerDetails[], ctx: StatusContext, defaultReason: string): ContainerStatus {
  const [latest, previous] = instances;
  const waiting = ctx.waiting.get(container.name);
  const base = {
    name: container.name,
    image: container.image ?? "",
    restartCount: latest?.attempt ?? 0,
  };
  if (!latest) {
    return { ...base, state: { waiting: waiting ?? { reason: defaultReason } }, lastState: {}, ready: false, started: false, imageID: "" };
  }
  const identity = { imageID: ctx.imageRef(latest.imageId), containerID: `${ctx.runtimeType}://${latest.id}` };
  if (latest.phase === "running") {
    const probe = ctx.probes(container, latest.id);
    return {
      ...base,
      ...identity,
      state: { running: { startedAt: rfc3339(latest.startedAt ?? latest.createdAt) } },
      lastState: previous?.phase === "exited" ? terminated(previous, ctx) : {},
      ready: probe.ready,
      started: probe.started,
    };
  }
  if (latest.phase === "exited") {
    // Exited and due to be restarted: waiting (CrashLoopBackOff…), with the exit as lastState.
    if (waiting) return { ...base, ...identity, state: { waiting }, lastState: terminated(latest, ctx), ready: false, started: false };
    return {
      ...base,
      ...identity,
      state: terminated(latest, ctx),
      lastState: previous?.phase === "exited" ? terminated(previous, ctx) : {},
      ready: false,
      started: false,
    };
  }
  return {
    ...base,
    ...identity,
    state: { waiting: waiting ?? { reason: "ContainerCreating" } },
    lastState: previous?.phase === "exited" ? terminated(previous, ctx) : {},
    ready: false,
    started: false,
  };
}
