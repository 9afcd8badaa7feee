// Resident memory of a process, from /proc/<pid>/status.
import { readFileSync } from "node:fs";

export interface Memory {
  /** Resident set size now, MiB. */
  rssMiB: number;
  /** The peak resident set size, MiB. */
  hwmMiB: number;
}

export function processMemory(pid: number): Memory {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) / 1024;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { rssMiB: round(field("VmRSS")), hwmMiB: round(field("VmHWM")) };
}
