// Making a container's image present as its imagePullPolicy asks, shared by
// all pods so two pods needing one image pull it once. Failed pulls back off
// per image (10 s doubling to 5 min): ErrImagePull, then ImagePullBackOff.
import type { Container } from "../../worker/schema/kinds.ts";
import type { ContainerRuntime, ImageInfo, RegistryAuth } from "../runtime/runtime.ts";
import { Backoff, CONTAINER_BACKOFF } from "../util/backoff.ts";
import type { BackoffPolicy } from "../util/backoff.ts";

export type ImageOutcome =
  | { ok: true; image: ImageInfo }
  | { ok: false; reason: "ErrImagePull" | "ImagePullBackOff" | "ErrImageNeverPull" | "InvalidImageName"; message: string; retryInMs?: number };

export type ImageReport = (type: "Normal" | "Warning", reason: string, message: string) => void;

export class ImageManager {
  private readonly pulls = new Map<string, Promise<void>>();
  private readonly backoff: Backoff;
  private readonly lastFailure = new Map<string, number>();

  constructor(
    private readonly runtime: ContainerRuntime,
    policy: BackoffPolicy = CONTAINER_BACKOFF,
  ) {
    this.backoff = new Backoff(policy);
  }

  async ensure(container: Container, auths: RegistryAuth[], report: ImageReport): Promise<ImageOutcome> {
    const image = container.image ?? "";
    if (!image || /\s/.test(image)) return { ok: false, reason: "InvalidImageName", message: `Failed to apply default image tag "${image}": invalid reference format` };
    // The API server defaults imagePullPolicy on every pod; IfNotPresent only covers hand-made objects.
    const policy = container.imagePullPolicy ?? "IfNotPresent";
    const present = await this.runtime.inspectImage(image);
    if (present && policy !== "Always") {
      report("Normal", "Pulled", `Container image "${image}" already present on machine`);
      return { ok: true, image: present };
    }
    if (!present && policy === "Never") {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      report("Warning", "ErrImageNeverPull", message);
      return { ok: false, reason: "ErrImageNeverPull", message };
    }
    const wait = this.backoff.remainingMs(image, this.lastFailure.get(image) ?? 0);
    if (wait > 0) {
      const message = `Back-off pulling image "${image}"`;
      report("Normal", "BackOff", message);
      return { ok: false, reason: "ImagePullBackOff", message, retryInMs: wait };
    }
    report("Normal", "Pulling", `Pulling image "${image}"`);
    const started = Date.now();
    try {
      let pull = this.pulls.get(image);
      if (!pull) {
        pull = this.runtime.pullImage(image, auths).finally(() => this.pulls.delete(image));
        this.pulls.set(image, pull);
      }
      await pull;
    } catch (error) {
      this.backoff.next(image);
      this.lastFailure.set(image, Date.now());
      const message = `Failed to pull image "${image}": ${(error as Error).message}`;
      report("Warning", "Failed", message);
      return { ok: false, reason: "ErrImagePull", message, retryInMs: this.backoff.currentMs(image) };
    }
    this.backoff.reset(image);
    this.lastFailure.delete(image);
    const pulled = await this.runtime.inspectImage(image);
    if (!pulled) return { ok: false, reason: "ErrImagePull", message: `image "${image}" is missing right after pulling it` };
    report("Normal", "Pulled", `Successfully pulled image "${image}" in ${((Date.now() - started) / 1000).toFixed(3)}s`);
    return { ok: true, image: pulled };
  }
}
