// Pods: printPod from pkg/printers/internalversion/printers.go, including its
// precedence of reasons for STATUS (init containers, waiting/terminated
// reasons, "Completed" vs still running, Terminating) and RESTARTS' "(5m ago)".
import type { KubeObject } from "../../apimachinery/object.ts";
import { humanDuration, since } from "./age.ts";
import { AGE_COLUMN, NAME_COLUMN, column } from "./columns.ts";
import type { Printer, TableCell, TableRowCondition } from "./columns.ts";
import type { Json } from "./read.ts";
import { int, list, obj, str } from "./read.ts";

function hasCondition(status: Json, type: string): boolean {
  return list(status.conditions).some((c) => c.type === type && c.status === "True");
}

/** FinishedAt of the last termination, in ms, or undefined. */
function lastTerminated(containerStatus: Json): number | undefined {
  const finished = str(obj(obj(containerStatus.lastState).terminated).finishedAt);
  const t = Date.parse(finished);
  return finished === "" || Number.isNaN(t) ? undefined : t;
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function terminatedReason(terminated: Json, prefix: string): string {
  const reason = str(terminated.reason);
  if (reason !== "") return prefix + reason;
  const signal = int(terminated.signal);
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${int(terminated.exitCode)}`;
}

interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

export function summarizePod(pod: KubeObject, now: number): PodSummary {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const phase = str(status.phase);
  let reason = str(status.reason) !== "" ? str(status.reason) : phase;
  if (list(status.conditions).some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) {
    reason = "SchedulingGated";
  }

  const initSpecs = list(spec.initContainers);
  // Sidecars (init containers with restartPolicy Always) count towards READY's total.
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === "Always").map((c) => str(c.name)));
  const total = list(spec.containers).length + sidecars.size;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  let initializing = false;
  const initStatuses = list(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const state = obj(c.state);
    const isSidecar = sidecars.has(str(c.name));
    restarts += int(c.restartCount);
    lastRestart = later(lastRestart, lastTerminated(c));
    if (isSidecar) {
      sidecarRestarts += int(c.restartCount);
      lastSidecarRestart = later(lastSidecarRestart, lastTerminated(c));
    }
    const terminated = state.terminated === undefined || state.terminated === null ? undefined : obj(state.terminated);
    const waitingReason = str(obj(state.waiting).reason);
    if (terminated !== undefined && int(terminated.exitCode) === 0) continue;
    if (isSidecar && c.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    if (terminated !== undefined) {
      reason = terminatedReason(terminated, "Init:");
    } else if (waitingReason !== "" && waitingReason !== "PodInitializing") {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(status, "Initialized")) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = list(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      const state = obj(c.state);
      restarts += int(c.restartCount);
      lastRestart = later(lastRestart, lastTerminated(c));
      const waitingReason = str(obj(state.waiting).reason);
      const hasTerminated = state.terminated !== undefined && state.terminated !== null;
      if (waitingReason !== "") {
        reason = waitingReason;
      } else if (hasTerminated) {
        reason = terminatedReason(obj(state.terminated), "");
      } else if (c.ready === true && state.running !== undefined && state.running !== null) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      reason = hasCondition(status, "Ready") ? "Running" : "NotReady";
    }
  }

  const deleting = str(pod.metadata.deletionTimestamp) !== "";
  if (deleting && str(status.reason) === "NodeLost") {
    reason = "Unknown";
  } else if (deleting && phase !== "Succeeded" && phase !== "Failed") {
    reason = "Terminating";
  }

  const restartsText =
    restarts !== 0 && lastRestart !== undefined ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText };
}

function readinessGates(spec: Json, status: Json): string {
  const gates = list(spec.readinessGates);
  if (gates.length === 0) return "<none>";
  const conditions = list(status.conditions);
  let trueCount = 0;
  for (const gate of gates) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (c !== undefined && c.status === "True") trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

function podIP(status: Json): string {
  const ips = list(status.podIPs);
  const ip = ips.length > 0 ? str(ips[0].ip) : str(status.podIP);
  return ip === "" ? "<none>" : ip;
}

const orNone = (s: string): string => (s === "" ? "<none>" : s);

const SUCCEEDED: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
];
const FAILED: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Failed", message: "The pod failed." },
];

export const podPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
    column("Status", "The aggregate status of the containers in this pod."),
    column(
      "Restarts",
      "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    AGE_COLUMN,
    column("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", {
      priority: 1,
    }),
    column("Node", "NodeName indicates in which node this pod is scheduled.", { priority: 1 }),
    column("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node.", {
      priority: 1,
    }),
    column("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.", { priority: 1 }),
  ],
  cells(pod: KubeObject, now: number): TableCell[] {
    const spec = obj(pod.spec);
    const status = obj(pod.status);
    const s = summarizePod(pod, now);
    return [
      str(pod.metadata.name),
      s.ready,
      s.status,
      s.restarts,
      since(pod.metadata.creationTimestamp, now),
      podIP(status),
      orNone(str(spec.nodeName)),
      orNone(str(status.nominatedNodeName)),
      readinessGates(spec, status),
    ];
  },
  conditions(pod: KubeObject): TableRowCondition[] | undefined {
    const phase = str(obj(pod.status).phase);
    return phase === "Succeeded" ? SUCCEEDED : phase === "Failed" ? FAILED : undefined;
  },
};
