// CPU time of the control plane's processes, from /proc/<pid>/stat: every
// process in wrangler's process group (wrangler's node, its proxy workerd and
// the user worker's workerd), split by command name.
import { readdirSync, readFileSync } from "node:fs";

/** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream build. */
const TICKS_PER_SECOND = 100;

export interface ProcessCpu {
  pid: number;
  command: string;
  cpuSeconds: number;
}

function readStat(pid: number): { command: string; pgid: number; cpuSeconds: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command sits in parentheses and may contain spaces; fields follow the last ')'.
    const close = text.lastIndexOf(")");
    const command = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    // After ')' field 0 is state (3rd overall): pgrp is 5th, utime 14th, stime 15th.
    return { command, pgid: Number(fields[2]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

export function groupCpu(groupPid: number): ProcessCpu[] {
  const out: ProcessCpu[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat && stat.pgid === groupPid) out.push({ pid, command: stat.command, cpuSeconds: stat.cpuSeconds });
  }
  return out;
}

/** CPU seconds per wall second over an interval, per command name ("workerd", "node", …) and in total. */
export class CpuMeter {
  private before: ProcessCpu[];
  private startedAt = performance.now();

  constructor(private readonly groupPid: number) {
    this.before = groupCpu(groupPid);
  }

  reset(): void {
    this.before = groupCpu(this.groupPid);
    this.startedAt = performance.now();
  }

  read(): { seconds: number; perCommand: Record<string, number>; total: number } {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const prior = new Map(this.before.map((p) => [p.pid, p.cpuSeconds]));
    const perCommand: Record<string, number> = {};
    let total = 0;
    for (const p of groupCpu(this.groupPid)) {
      const used = p.cpuSeconds - (prior.get(p.pid) ?? 0);
      perCommand[p.command] = (perCommand[p.command] ?? 0) + used;
      total += used;
    }
    const rate = (n: number) => Math.round((n / Math.max(seconds, 0.001)) * 100) / 100;
    return { seconds: Math.round(seconds * 10) / 10, perCommand: Object.fromEntries(Object.entries(perCommand).map(([k, v]) => [k, rate(v)])), total: rate(total) };
  }
}
