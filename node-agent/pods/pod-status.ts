// The whole PodStatus: phase (kubelet's getPhase), conditions, container
// statuses, IPs and QoS, from the runtime's observation of the pod.
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from "../../worker/schema/kinds.ts";
import { podQOSClass } from "../../worker/schema/defaults/qos.ts";
import { rfc3339 } from "../util/time.ts";
import { containerStatus } from "./container-status.ts";
import type { StatusContext } from "./container-status.ts";
import type { PodObservation } from "./observation.ts";

type Phase = NonNullable<PodStatus["phase"]>;

export interface PodStatusInput {
  pod: Pod;
  observation: PodObservation;
  ctx: StatusContext;
  podIP?: string;
  hostIP: string;
  /** The status the server holds: keeps transition times and the start time. */
  previous: PodStatus;
  /** The pod's containers have been stopped for good (deletion, deadline). */
  terminated?: { reason?: string; message?: string };
  sandboxReady: boolean;
  startTime: string;
  now: Date;
}

function isTerminalPhase(phase: string | undefined): phase is "Succeeded" | "Failed" {
  return phase === "Succeeded" || phase === "Failed";
}

function initDone(s: ContainerStatus): boolean {
  return s.state?.terminated?.exitCode === 0;
}

export function podPhase(pod: Pod, init: ContainerStatus[], app: ContainerStatus[], terminated: boolean): Phase {
  const policy = pod.spec?.restartPolicy ?? "Always";
  const pendingInit = init.some((s) => !initDone(s));
  if (policy === "Never" && init.some((s) => s.state?.terminated && s.state.terminated.exitCode !== 0)) return "Failed";
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of app) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    }
  }
  if (terminated) {
    if (running > 0) return "Running";
    if (pendingInit && stopped === 0) return "Failed";
    return stopped > 0 && stopped === succeeded && waiting === 0 ? "Succeeded" : "Failed";
  }
  if (pendingInit || waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

function condition(type: string, ok: boolean, previous: PodStatus, now: Date, reason?: string, message?: string): PodCondition {
  const status = ok ? "True" : "False";
  const before = previous.conditions?.find((c) => c.type === type);
  const lastTransitionTime = before && before.status === status && before.lastTransitionTime ? before.lastTransitionTime : rfc3339(now);
  return { type, status, lastTransitionTime, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

function names(statuses: ContainerStatus[], predicate: (s: ContainerStatus) => boolean): string {
  return `[${statuses.filter(predicate).map((s) => s.name).join(" ")}]`;
}

export function computePodStatus(input: PodStatusInput): PodStatus {
  const { pod, observation, ctx, previous, now } = input;
  const spec = pod.spec;
  const initContainers: Container[] = spec?.initContainers ?? [];
  const containers: Container[] = spec?.containers ?? [];
  const init = initContainers.map((c) => containerStatus(c, observation.containers.get(c.name) ?? [], ctx, "PodInitializing"));
  const initialized = init.every(initDone);
  const appReason = initialized ? "ContainerCreating" : "PodInitializing";
  const app = containers.map((c) => containerStatus(c, observation.containers.get(c.name) ?? [], ctx, appReason));

  // A pod stopped for exceeding activeDeadlineSeconds fails, whatever its containers said.
  let phase = input.terminated?.reason === "DeadlineExceeded" ? "Failed" : podPhase(pod, init, app, input.terminated !== undefined);
  // A pod that finished stays finished, whatever the runtime shows later.
  if (isTerminalPhase(previous.phase)) phase = previous.phase;
  const done = isTerminalPhase(phase);

  const conditions: PodCondition[] = [];
  const scheduled = previous.conditions?.find((c) => c.type === "PodScheduled");
  conditions.push(scheduled ?? condition("PodScheduled", true, previous, now));
  conditions.push(condition("PodReadyToStartContainers", input.sandboxReady, previous, now));
  conditions.push(
    done && initialized
      ? condition("Initialized", true, previous, now, "PodCompleted")
      : initialized
        ? condition("Initialized", true, previous, now)
        : condition("Initialized", false, previous, now, "ContainersNotInitialized", `containers with incomplete status: ${names(init, (s) => !initDone(s))}`),
  );
  const allReady = app.every((s) => s.ready);
  const containersReady = done
    ? condition("ContainersReady", false, previous, now, "PodCompleted")
    : allReady
      ? condition("ContainersReady", true, previous, now)
      : condition("ContainersReady", false, previous, now, "ContainersNotReady", `containers with unready status: ${names(app, (s) => !s.ready)}`);
  conditions.push(containersReady);
  const gates = (spec?.readinessGates ?? []).filter((g) => previous.conditions?.find((c) => c.type === g.conditionType)?.status !== "True");
  if (containersReady.status === "True" && gates.length > 0) {
    conditions.push(condition("Ready", false, previous, now, "ReadinessGatesNotReady", `corresponding condition of pod readiness gate "${gates[0].conditionType}" does not exist.`));
  } else {
    conditions.push({ ...containersReady, type: "Ready", lastTransitionTime: condition("Ready", containersReady.status === "True", previous, now).lastTransitionTime });
  }

  const podIP = input.podIP || previous.podIP;
  const status: PodStatus = {
    phase,
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: input.startTime,
    ...(init.length > 0 ? { initContainerStatuses: init } : {}),
    containerStatuses: app,
    qosClass: spec ? podQOSClass(spec) : "BestEffort",
  };
  const reason = input.terminated?.reason ?? previous.reason;
  const message = input.terminated?.message ?? previous.message;
  if (reason) status.reason = reason;
  if (message) status.message = message;
  return status;
}
