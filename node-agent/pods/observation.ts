// What the runtime holds for one pod right now: its sandboxes and every
// instance of each container, newest first. Exited containers never change,
// so their inspection is cached; running ones are inspected each time.
import type { ContainerDetails, ContainerRuntime } from "../runtime/runtime.ts";

export interface PodObservation {
  /** Newest first. */
  sandboxes: ContainerDetails[];
  /** By container name (init and app), newest first. */
  containers: Map<string, ContainerDetails[]>;
}

export function newestFirst(a: ContainerDetails, b: ContainerDetails): number {
  return b.attempt - a.attempt || b.createdAt.getTime() - a.createdAt.getTime();
}

export class PodObserver {
  private readonly finished = new Map<string, ContainerDetails>();

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly podUid: string,
  ) {}

  async observe(): Promise<PodObservation> {
    const listed = await this.runtime.listContainers(this.podUid);
    const details = await Promise.all(
      listed.map(async (c) => this.finished.get(c.id) ?? (await this.runtime.inspectContainer(c.id))),
    );
    const present = new Set(listed.map((c) => c.id));
    for (const id of this.finished.keys()) if (!present.has(id)) this.finished.delete(id);

    const sandboxes: ContainerDetails[] = [];
    const containers = new Map<string, ContainerDetails[]>();
    for (const d of details) {
      if (!d) continue;
      if (d.phase === "exited") this.finished.set(d.id, d);
      if (d.role === "sandbox") sandboxes.push(d);
      else {
        const list = containers.get(d.name) ?? [];
        list.push(d);
        containers.set(d.name, list);
      }
    }
    sandboxes.sort(newestFirst);
    for (const list of containers.values()) list.sort(newestFirst);
    return { sandboxes, containers };
  }
}
