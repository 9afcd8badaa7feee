// Runtime-neutral sandbox and container specs as Docker create requests.
// The sandbox owns the network namespace (and so the pod IP, ports and
// hostname) and a shareable IPC namespace; app containers join both.
import type Dockerode from "dockerode";
import type { ContainerSpec, Mount, SandboxSpec } from "../runtime.ts";
import { LABEL, SANDBOX_CONTAINER_NAME, containerName, podLabels } from "./labels.ts";
import { PAUSE_IMAGE } from "./pause-image.ts";

/** Kubelet rotates container logs at 10 MiB; json-file keeps `docker logs` (and ours) working. */
const LOG_CONFIG = { Type: "json-file", Config: { "max-size": "10m", "max-file": "2" } };

// The sandbox should be the last thing the OOM killer picks (kubelet uses -998).
const SANDBOX_OOM_SCORE_ADJ = -998;

/**
 * `oomFloor`: the lowest OOM score adjustment the engine can apply. Where
 * dockerd itself may not lower scores (some VMs and rootless setups, where
 * runc then fails to start the container), it is 0 and protection is lost.
 */
export function sandboxCreateOptions(spec: SandboxSpec, nodeName: string, oomFloor: number, podNetwork = "bridge"): Dockerode.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  if (!spec.hostNetwork) {
    for (const port of spec.ports) {
      const key = `${port.containerPort}/${port.protocol.toLowerCase()}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: port.hostIp ?? "", HostPort: String(port.hostPort) });
    }
  }
  return {
    name: containerName(SANDBOX_CONTAINER_NAME, spec.pod, spec.attempt),
    Image: PAUSE_IMAGE,
    Hostname: spec.hostNetwork ? undefined : spec.hostname,
    Labels: {
      ...podLabels(spec.pod, nodeName),
      [LABEL.containerName]: SANDBOX_CONTAINER_NAME,
      [LABEL.dockerType]: "podsandbox",
      [LABEL.role]: "sandbox",
      [LABEL.restartCount]: String(spec.attempt),
      [LABEL.gracePeriod]: String(spec.gracePeriodSeconds),
    },
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: spec.hostNetwork ? "host" : (spec.network ?? podNetwork),
      PortBindings: bindings,
      IpcMode: "shareable",
      Dns: spec.dns?.servers,
      DnsSearch: spec.dns?.searches,
      DnsOptions: spec.dns?.options,
      ExtraHosts: spec.hostAliases.flatMap((alias) => alias.hostnames.map((name) => `${name}:${alias.ip}`)),
      Sysctls: Object.keys(spec.sysctls).length > 0 ? spec.sysctls : undefined,
      OomScoreAdj: Math.max(SANDBOX_OOM_SCORE_ADJ, oomFloor),
      CpuShares: 2,
      RestartPolicy: { Name: "no" },
      LogConfig: LOG_CONFIG,
    },
  };
}

function dockerMount(mount: Mount): Dockerode.MountSettings {
  if (mount.type === "bind") return { Type: "bind", Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly };
  // NoCopy: an emptyDir starts empty; Docker would otherwise copy the image's files in.
  // The types insist on driver settings, which would only matter if Docker had to create the volume.
  const VolumeOptions = { NoCopy: true } as Dockerode.MountSettings["VolumeOptions"];
  return { Type: "volume", Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly, VolumeOptions };
}

export function containerCreateOptions(spec: ContainerSpec, nodeName: string, oomFloor: number): Dockerode.ContainerCreateOptions {
  const { resources, security } = spec;
  const sandbox = `container:${spec.sandboxId}`;
  return {
    name: containerName(spec.name, spec.pod, spec.attempt),
    Image: spec.image,
    Entrypoint: spec.command,
    Cmd: spec.args,
    WorkingDir: spec.workingDir,
    Env: spec.env,
    User: security.user,
    Tty: spec.tty,
    OpenStdin: spec.stdin,
    StdinOnce: spec.stdinOnce,
    StopSignal: spec.stopSignal,
    Labels: {
      ...podLabels(spec.pod, nodeName),
      [LABEL.containerName]: spec.name,
      [LABEL.dockerType]: "container",
      [LABEL.role]: spec.role,
      [LABEL.sandboxId]: spec.sandboxId,
      [LABEL.restartCount]: String(spec.attempt),
      [LABEL.hash]: spec.hash,
      [LABEL.gracePeriod]: String(spec.gracePeriodSeconds),
    },
    HostConfig: {
      NetworkMode: sandbox,
      IpcMode: sandbox,
      PidMode: spec.shareProcessNamespace ? sandbox : undefined,
      Mounts: spec.mounts.map(dockerMount),
      Memory: resources.memoryLimitBytes,
      // No swap beyond the limit, as kubelet configures it.
      MemorySwap: resources.memoryLimitBytes,
      CpuQuota: resources.cpuQuotaMicros,
      CpuPeriod: resources.cpuPeriodMicros,
      CpuShares: resources.cpuShares,
      OomScoreAdj: resources.oomScoreAdj === undefined ? undefined : Math.max(resources.oomScoreAdj, oomFloor),
      ReadonlyRootfs: security.readOnlyRootFilesystem,
      Privileged: security.privileged,
      CapAdd: security.capAdd.length > 0 ? security.capAdd : undefined,
      CapDrop: security.capDrop.length > 0 ? security.capDrop : undefined,
      SecurityOpt: security.noNewPrivileges ? ["no-new-privileges"] : undefined,
      GroupAdd: security.supplementalGroups.length > 0 ? security.supplementalGroups.map(String) : undefined,
      RestartPolicy: { Name: "no" },
      LogConfig: LOG_CONFIG,
    },
  };
}
