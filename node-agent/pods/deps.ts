// What a pod worker needs from the rest of the agent. Tests build these
// with an in-memory status sink and object source around the real runtime.
import type { Pod, Service } from "../../worker/schema/kinds.ts";
import type { Logger } from "../log.ts";
import type { ContainerRuntime } from "../runtime/runtime.ts";
import type { BackoffPolicy } from "../util/backoff.ts";
import type { EventSink } from "./event-sink.ts";
import type { ImageManager } from "./images.ts";
import type { ImageRefs } from "./image-refs.ts";
import type { ObjectSource } from "./object-source.ts";

export interface StatusSink {
  /** PATCHes pods/status; resolves to the updated pod (undefined if it is gone). */
  patchStatus(pod: Pod, patch: object): Promise<Pod | undefined>;
  /** Tells the control plane the terminating pod has stopped, so it can be removed. */
  confirmDeletion(pod: Pod): Promise<void>;
}

export interface NodeFacts {
  nodeName: string;
  hostIP(): string;
  /** What containers without limits may use: cores, bytes, bytes. */
  allocatable: { cpu: number; memory: number; ephemeralStorage: number };
  memoryCapacity: number;
  allowPrivileged: boolean;
}

export interface WorkerTiming {
  backoff: BackoffPolicy;
  /** Periodic resync of a pod even without events. */
  resyncMs: number;
  /** How often configMap/secret/downwardAPI volumes are rewritten from fresh data. */
  volumeRefreshMs: number;
  /** Kubelet never gives a container less than 2 s between its stop signal and SIGKILL. */
  minGraceMs: number;
}

export const DEFAULT_TIMING: WorkerTiming = {
  backoff: { initialMs: 10_000, maxMs: 300_000, resetMs: 600_000 },
  resyncMs: 10_000,
  volumeRefreshMs: 30_000,
  minGraceMs: 2_000,
};

export interface PodWorkerDeps {
  runtime: ContainerRuntime;
  node: NodeFacts;
  /** <state-dir>/pods: each pod gets <uid>/ below. */
  podsDir: string;
  objects: ObjectSource;
  status: StatusSink;
  events: EventSink;
  images: ImageManager;
  imageRefs: ImageRefs;
  /** The cluster's Services, for Service environment variables (none without a cluster view). */
  services?: () => Iterable<Service>;
  log: Logger;
  timing: WorkerTiming;
}
