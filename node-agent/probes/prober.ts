// One probe of one container instance, run on its own timer as kubelet's
// probe workers do: first after initialDelaySeconds (counted from the
// container's start), then every periodSeconds; a result changes only after
// successThreshold successes or failureThreshold failures in a row.
import type { Container } from "../../worker/schema/kinds.ts";
import { execHandler, httpGetHandler, tcpHandler } from "./handlers.ts";
import type { HandlerResult, HandlerTarget } from "./handlers.ts";

export type ProbeKind = "liveness" | "readiness" | "startup";
export type ProbeResult = "success" | "failure" | "unknown";
export type Probe = NonNullable<Container["livenessProbe"]>;

export interface ProberEvents {
  /** The result changed; the pod worker resyncs. */
  changed(kind: ProbeKind, result: ProbeResult): void;
  /** Each failed attempt, for the Unhealthy event. */
  failed(kind: ProbeKind, message: string): void;
}

export function runProbe(probe: Probe, target: HandlerTarget): Promise<HandlerResult> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) return execHandler(target, probe.exec.command ?? [], timeoutMs);
  if (probe.httpGet) return httpGetHandler(target, probe.httpGet, timeoutMs);
  if (probe.tcpSocket) return tcpHandler(target, probe.tcpSocket, timeoutMs);
  if (probe.grpc) return Promise.resolve({ ok: false, message: "grpc probes are not supported on this node" });
  return Promise.resolve({ ok: false, message: "probe has no handler" });
}

export class Prober {
  result: ProbeResult;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private successes = 0;
  private failures = 0;

  constructor(
    readonly kind: ProbeKind,
    private readonly probe: Probe,
    private readonly target: HandlerTarget,
    private readonly events: ProberEvents,
    /** False while a startup probe has not yet passed: liveness and readiness wait. */
    private readonly mayRun: () => boolean,
  ) {
    // Not ready until proven; alive until proven otherwise; started unknown.
    this.result = kind === "readiness" ? "failure" : kind === "liveness" ? "success" : "unknown";
  }

  start(containerStartedAt: Date): void {
    const due = containerStartedAt.getTime() + (this.probe.initialDelaySeconds ?? 0) * 1000;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, due - Date.now()));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    // A passed startup probe is done; a failed liveness probe waits for the restart.
    const finished = (this.kind === "startup" && this.result === "success") || (this.kind === "liveness" && this.result === "failure");
    if (!finished && this.mayRun()) {
      const outcome = await runProbe(this.probe, this.target);
      if (this.stopped) return;
      this.record(outcome);
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), (this.probe.periodSeconds ?? 10) * 1000);
  }

  private record(outcome: HandlerResult): void {
    if (outcome.ok) {
      this.successes++;
      this.failures = 0;
      if (this.result !== "success" && this.successes >= (this.probe.successThreshold ?? 1)) this.set("success");
      return;
    }
    this.failures++;
    this.successes = 0;
    this.events.failed(this.kind, outcome.message);
    if (this.result !== "failure" && this.failures >= (this.probe.failureThreshold ?? 3)) this.set("failure");
  }

  private set(result: ProbeResult): void {
    this.result = result;
    this.events.changed(this.kind, result);
  }
}
