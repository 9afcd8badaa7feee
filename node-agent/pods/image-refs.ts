// The imageID reported in container statuses: docker-pullable://repo@digest
// when the image came from a registry, docker://sha256:… for local images.
// Image IDs are immutable, so each is inspected once.
import type { ContainerRuntime } from "../runtime/runtime.ts";

export class ImageRefs {
  private readonly refs = new Map<string, string>();

  constructor(private readonly runtime: ContainerRuntime) {}

  async load(imageIds: Iterable<string>): Promise<void> {
    for (const id of imageIds) {
      if (!id || this.refs.has(id)) continue;
      const info = await this.runtime.inspectImage(id).catch(() => undefined);
      if (!info) continue;
      const digest = info.repoDigests[0];
      this.refs.set(id, digest ? `${this.runtime.type}-pullable://${digest}` : `${this.runtime.type}://${id}`);
    }
  }

  ref(imageId: string): string {
    return this.refs.get(imageId) ?? (imageId ? `${this.runtime.type}://${imageId}` : "");
  }
}
