// A pod's volumes on this host: set up before its containers are created,
// refreshed while it runs (configMap/secret/downwardAPI contents), mounted
// per container, and removed with the pod. Disk-backed volumes live under
// <state-dir>/pods/<uid>/volumes/<name>; emptyDir medium Memory is a tmpfs
// volume in the runtime, shared by the pod's containers.
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import type { Container, Pod, Volume } from "../../worker/schema/kinds.ts";
import { bytes } from "../../worker/schema/quantity.ts";
import { expandVars } from "../pods/expand.ts";
import type { PodRuntimeFacts } from "../pods/field-ref.ts";
import type { ObjectSource } from "../pods/object-source.ts";
import { podIdentity } from "../pods/pod-identity.ts";
import type { ContainerRuntime, Mount } from "../runtime/runtime.ts";
import { writeAtomically } from "./atomic-writer.ts";
import { prepareHostPath } from "./host-path.ts";
import { VolumeError, projectedFiles } from "./projections.ts";
import type { ProjectionNotes } from "./projections.ts";

interface ReadyVolume {
  type: "bind" | "volume";
  source: string;
  /** Always mounted read-only (kubelet mounts API-projected volumes read-only). */
  readOnly: boolean;
}

const UNSUPPORTED = ["persistentVolumeClaim", "nfs", "csi", "ephemeral", "image"] as const;
const TERMINATION_LOG_MAX = 4096;

export class PodVolumes {
  private readonly ready = new Map<string, ReadyVolume>();
  readonly notes: ProjectionNotes = { unsupported: [] };

  constructor(
    readonly podDir: string,
    private readonly runtime: ContainerRuntime,
    private readonly objects: ObjectSource,
  ) {}

  private volumeDir(name: string): string {
    return join(this.podDir, "volumes", name);
  }

  /** Prepares every volume; throws a VolumeError naming the volume that failed. */
  async setUp(pod: Pod, facts: PodRuntimeFacts): Promise<void> {
    for (const volume of pod.spec?.volumes ?? []) {
      try {
        await this.setUpVolume(pod, volume, facts);
      } catch (error) {
        throw new VolumeError(`MountVolume.SetUp failed for volume "${volume.name}" : ${(error as Error).message}`);
      }
    }
  }

  /** Rewrites the API-backed volumes whose contents changed; a failure leaves the old files. */
  async refresh(pod: Pod, facts: PodRuntimeFacts): Promise<string[]> {
    const problems: string[] = [];
    for (const volume of pod.spec?.volumes ?? []) {
      if (!(volume.configMap || volume.secret || volume.downwardAPI || volume.projected)) continue;
      try {
        await this.setUpVolume(pod, volume, facts);
      } catch (error) {
        problems.push(`volume "${volume.name}": ${(error as Error).message}`);
      }
    }
    return problems;
  }

  private async setUpVolume(pod: Pod, volume: Volume, facts: PodRuntimeFacts): Promise<void> {
    for (const kind of UNSUPPORTED) {
      if (volume[kind]) throw new VolumeError(`${kind} volumes are not supported on this node`);
    }
    if (volume.hostPath) {
      await prepareHostPath(volume.hostPath.path, volume.hostPath.type);
      this.ready.set(volume.name, { type: "bind", source: volume.hostPath.path, readOnly: false });
      return;
    }
    if (volume.emptyDir?.medium === "Memory") {
      const size = volume.emptyDir.sizeLimit ? bytes(volume.emptyDir.sizeLimit) : undefined;
      const name = await this.runtime.ensureMemoryVolume(podIdentity(pod), volume.name, size);
      this.ready.set(volume.name, { type: "volume", source: name, readOnly: false });
      return;
    }
    const dir = this.volumeDir(volume.name);
    const files = await projectedFiles(pod, volume, this.objects, facts, this.notes);
    if (files) {
      const gid = pod.spec?.securityContext?.fsGroup;
      await writeAtomically(dir, files, gid);
      this.ready.set(volume.name, { type: "bind", source: dir, readOnly: true });
      return;
    }
    // emptyDir on disk (also the default for a volume with no source).
    await mkdir(dir, { recursive: true });
    // World-writable like kubelet's, so containers running as any user can use it.
    await chmod(dir, 0o777);
    this.ready.set(volume.name, { type: "bind", source: dir, readOnly: false });
  }

  /** The file a container writes its termination message to. */
  terminationLogPath(containerName: string, attempt: number): string {
    return join(this.podDir, "containers", containerName, String(attempt));
  }

  async readTerminationLog(containerName: string, attempt: number): Promise<string> {
    try {
      return (await readFile(this.terminationLogPath(containerName, attempt), "utf8")).slice(0, TERMINATION_LOG_MAX);
    } catch {
      return "";
    }
  }

  /** The mounts of one container; `env` expands subPathExpr. */
  async mountsFor(container: Container, attempt: number, env: Map<string, string>): Promise<Mount[]> {
    const mounts: Mount[] = [];
    for (const vm of container.volumeMounts ?? []) {
      const volume = this.ready.get(vm.name);
      if (!volume) throw new VolumeError(`volume "${vm.name}" is not set up (is it listed in spec.volumes?)`);
      const subPath = vm.subPathExpr ? expandVars(vm.subPathExpr, (n) => env.get(n)) : vm.subPath;
      const readOnly = volume.readOnly || (vm.readOnly ?? false);
      if (!subPath) {
        mounts.push({ type: volume.type, source: volume.source, target: vm.mountPath, readOnly });
        continue;
      }
      const clean = normalize(subPath);
      if (clean.startsWith("..") || clean.startsWith("/")) throw new VolumeError(`subPath "${subPath}" must be a relative path inside the volume`);
      if (volume.type === "volume") throw new VolumeError(`subPath is not supported for volume "${vm.name}" (emptyDir medium Memory)`);
      const source = join(volume.source, clean);
      // Kubelet creates a missing subPath as a directory in writable volumes.
      if (!volume.readOnly) await mkdir(source, { recursive: true }).catch(() => {});
      mounts.push({ type: "bind", source, target: vm.mountPath, readOnly });
    }
    const logPath = container.terminationMessagePath ?? "/dev/termination-log";
    if (logPath && !mounts.some((m) => m.target === logPath)) {
      const file = this.terminationLogPath(container.name, attempt);
      await mkdir(join(this.podDir, "containers", container.name), { recursive: true });
      await writeFile(file, "", { mode: 0o666 });
      await chmod(file, 0o666);
      mounts.push({ type: "bind", source: file, target: logPath, readOnly: false });
    }
    return mounts;
  }

  async tearDown(podUid: string): Promise<void> {
    await this.runtime.removePodVolumes(podUid);
    await rm(this.podDir, { recursive: true, force: true });
  }
}
