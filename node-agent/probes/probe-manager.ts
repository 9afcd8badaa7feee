// The probes of one pod: a prober per probe of each running container
// instance, replaced when the container restarts, and their combined answer
// to "has it started, is it ready, must it be restarted?".
import type { Container } from "../../worker/schema/kinds.ts";
import type { ContainerRuntime } from "../runtime/runtime.ts";
import { Prober } from "./prober.ts";
import type { ProbeKind, ProbeResult } from "./prober.ts";

export interface ProbeStatus {
  started: boolean;
  ready: boolean;
  /** Set when the container must be restarted: liveness or startup failed. */
  unhealthy?: ProbeKind;
}

interface ContainerProbes {
  startup?: Prober;
  liveness?: Prober;
  readiness?: Prober;
}

export interface ProbeListener {
  changed(container: string, kind: ProbeKind, result: ProbeResult): void;
  failed(container: string, kind: ProbeKind, message: string): void;
}

export class ProbeManager {
  private readonly probes = new Map<string, ContainerProbes>();

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly listener: ProbeListener,
  ) {}

  /** Starts the probes of a running container instance unless they run already. */
  ensure(container: Container, containerId: string, startedAt: Date, podIP: string): void {
    if (this.probes.has(containerId)) return;
    const set: ContainerProbes = {};
    this.probes.set(containerId, set);
    const target = { runtime: this.runtime, containerId, container, podIP };
    const started = () => !set.startup || set.startup.result === "success";
    const make = (kind: ProbeKind, probe: Container["livenessProbe"], mayRun: () => boolean) => {
      if (!probe) return undefined;
      const prober = new Prober(kind, probe, target, {
        changed: (k, result) => this.listener.changed(container.name, k, result),
        failed: (k, message) => this.listener.failed(container.name, k, message),
      }, mayRun);
      prober.start(startedAt);
      return prober;
    };
    set.startup = make("startup", container.startupProbe, () => true);
    set.liveness = make("liveness", container.livenessProbe, started);
    set.readiness = make("readiness", container.readinessProbe, started);
  }

  status(container: Container, containerId: string): ProbeStatus {
    const set = this.probes.get(containerId);
    const startupDone = !container.startupProbe || set?.startup?.result === "success";
    const ready = startupDone && (!container.readinessProbe || set?.readiness?.result === "success");
    let unhealthy: ProbeKind | undefined;
    if (set?.liveness?.result === "failure") unhealthy = "liveness";
    else if (set?.startup?.result === "failure") unhealthy = "startup";
    return { started: startupDone, ready, unhealthy };
  }

  /** Stops the probes of container instances that are no longer running. */
  retain(running: Set<string>): void {
    for (const [id, set] of this.probes) {
      if (running.has(id)) continue;
      for (const prober of Object.values(set)) prober?.stop();
      this.probes.delete(id);
    }
  }

  stopAll(): void {
    this.retain(new Set());
  }
}
