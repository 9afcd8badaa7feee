// The state a pod worker shares with the steps of its sync (sandbox,
// containers, termination), so each step can live in its own file.
import type { Container, Pod } from "../../worker/schema/kinds.ts";
import type { Logger } from "../log.ts";
import type { ProbeManager } from "../probes/probe-manager.ts";
import type { Backoff } from "../util/backoff.ts";
import type { PodVolumes } from "../volumes/pod-volumes.ts";
import type { Waiting } from "./container-status.ts";
import type { PodWorkerDeps } from "./deps.ts";

export interface PodSyncContext {
  readonly deps: PodWorkerDeps;
  readonly pod: Pod;
  readonly log: Logger;
  readonly volumes: PodVolumes;
  readonly probes: ProbeManager;
  /** Per container name (and "sandbox"): restart back-off. */
  readonly backoff: Backoff;
  /** Why containers are held back, for their waiting state. */
  readonly waiting: Map<string, Waiting>;
  podIP: string;
  /** Asks for another sync in `ms` (the earliest request wins). */
  schedule(ms: number): void;
}

export function containerSpecs(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

export function specOf(pod: Pod, name: string): Container | undefined {
  return containerSpecs(pod).find((c) => c.name === name);
}
