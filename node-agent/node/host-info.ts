// Facts about this host for the Node object: CPUs, memory, addresses,
// OS and kernel, machine and boot IDs.
import { readFile, statfs } from "node:fs/promises";
import { arch, cpus, hostname, networkInterfaces, release, totalmem } from "node:os";

export interface HostInfo {
  hostname: string;
  internalIP: string;
  cpuCores: number;
  memoryBytes: number;
  kernelVersion: string;
  osImage: string;
  architecture: string;
  machineID: string;
  systemUUID: string;
  bootID: string;
}

async function readTrimmed(path: string): Promise<string> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch {
    return "";
  }
}

async function osImage(): Promise<string> {
  const text = await readTrimmed("/etc/os-release");
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text);
  return pretty?.[1] ?? "Linux";
}

/** Go's GOARCH names, which Kubernetes uses for kubernetes.io/arch. */
export function goArch(nodeArch: string = arch()): string {
  const map: Record<string, string> = { x64: "amd64", arm64: "arm64", arm: "arm", ia32: "386", ppc64: "ppc64le", s390x: "s390x", riscv64: "riscv64" };
  return map[nodeArch] ?? nodeArch;
}

// Docker's and bridges' interfaces hold addresses other hosts cannot reach.
const VIRTUAL = /^(docker|br-|veth|virbr|cni|flannel|cali|tun|tap|kube|kf-)/;

export function internalIP(): string {
  const candidates: string[] = [];
  for (const [name, addresses] of Object.entries(networkInterfaces())) {
    if (VIRTUAL.test(name)) continue;
    for (const a of addresses ?? []) if (a.family === "IPv4" && !a.internal) candidates.push(a.address);
  }
  return candidates[0] ?? "127.0.0.1";
}

export async function hostInfo(): Promise<HostInfo> {
  return {
    hostname: hostname(),
    internalIP: internalIP(),
    cpuCores: cpus().length,
    memoryBytes: totalmem(),
    kernelVersion: release(),
    osImage: await osImage(),
    architecture: goArch(),
    machineID: await readTrimmed("/etc/machine-id"),
    systemUUID: (await readTrimmed("/sys/class/dmi/id/product_uuid")).toLowerCase(),
    bootID: await readTrimmed("/proc/sys/kernel/random/boot_id"),
  };
}

/** MemAvailable from /proc/meminfo, in bytes (undefined where there is none). */
export async function memoryAvailable(): Promise<number | undefined> {
  const text = await readTrimmed("/proc/meminfo");
  const m = /^MemAvailable:\s+(\d+) kB$/m.exec(text);
  return m ? Number(m[1]) * 1024 : undefined;
}

export async function diskUsage(path: string): Promise<{ capacity: number; available: number } | undefined> {
  try {
    const s = await statfs(path);
    return { capacity: s.blocks * s.bsize, available: s.bavail * s.bsize };
  } catch {
    return undefined;
  }
}

/** Processes in use and the limit (pid_max), for PIDPressure. */
export async function pidUsage(): Promise<{ used: number; max: number } | undefined> {
  const max = Number(await readTrimmed("/proc/sys/kernel/pid_max"));
  const loadavg = await readTrimmed("/proc/loadavg");
  // The fourth field of /proc/loadavg is "running/total" scheduling entities.
  const total = Number(loadavg.split(" ")[3]?.split("/")[1]);
  return Number.isFinite(max) && Number.isFinite(total) && max > 0 ? { used: total, max } : undefined;
}
