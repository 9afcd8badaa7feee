// A V8 CPU profile of the control plane's worker (Durable Object included),
// through the DevTools inspector that wrangler dev exposes, summarized as
// self time per function: "timings inside the Durable Object" without
// touching worker code.
import { execFileSync } from "node:child_process";
import WebSocket from "ws";
import { groupCpu } from "./cpu.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  function: string;
  selfMs: number;
  /** Time in this function and everything it called (recursion counted once). */
  totalMs: number;
}

/** wrangler's inspector port: the one workerd in the group listening on 9229 and up. */
export function inspectorPort(groupPid: number): number | undefined {
  const pids = new Set(groupCpu(groupPid).map((p) => p.pid));
  const lines = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" }).split("\n");
  for (const line of lines) {
    const pid = Number(/pid=(\d+)/.exec(line)?.[1]);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]);
    if (pids.has(pid) && port >= 9229 && port < 9329) return port;
  }
  return undefined;
}

export class WorkerProfiler {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
    });
  }

  static async connect(port: number): Promise<WorkerProfiler> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new WorkerProfiler(socket);
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async start(): Promise<void> {
    await this.send("Profiler.enable");
    await this.send("Profiler.setSamplingInterval", { interval: 500 });
    await this.send("Profiler.start");
  }

  /** Stops profiling (start() may be called again for another window). */
  async stop(top = 25): Promise<ProfileSummary> {
    const { profile } = (await this.send("Profiler.stop")) as { profile: CpuProfile };
    return summarize(profile, top);
  }

  close(): void {
    this.socket.close();
  }
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split("/").slice(-2).join("/");
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

export interface ProfileSummary {
  sampledMs: number;
  idleMs: number;
  /** Uninterrupted stretches inside the Durable Object's alarm(): requests wait while one runs. */
  alarmRuns: { count: number; longestMs: number; over100Ms: number };
  hot: HotFunction[];
}

/** Lengths (ms) of consecutive samples whose stack includes a frame named `name`. */
function stretches(profile: CpuProfile, byId: Map<number, ProfileNode>, parent: Map<number, number>, name: string): number[] {
  const inside = new Map<number, boolean>();
  const within = (id: number): boolean => {
    const known = inside.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result = node?.callFrame.functionName === name || (up !== undefined && within(up));
    inside.set(id, result);
    return result;
  };
  const runs: number[] = [];
  let current = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (within(id)) current += ms;
    else if (current > 0) {
      runs.push(current);
      current = 0;
    }
  });
  if (current > 0) runs.push(current);
  return runs;
}

function summarize(profile: CpuProfile, top: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let sampled = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    sampled += ms;
    const name = frameName(node);
    if (node.callFrame.functionName === "(idle)" || node.callFrame.functionName === "(program)") idle += ms;
    self.set(name, (self.get(name) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = frameName(byId.get(at) as ProfileNode);
      if (seen.has(frame)) continue;
      seen.add(frame);
      total.set(frame, (total.get(frame) ?? 0) + ms);
    }
  });
  const round = (n: number) => Math.round(n);
  const hot = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ function: fn, selfMs: round(ms), totalMs: round(total.get(fn) ?? ms) }));
  const inclusive = [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, ms]) => ({ function: fn, selfMs: round(self.get(fn) ?? 0), totalMs: round(ms) }));
  const alarm = stretches(profile, byId, parent, "alarm");
  return {
    sampledMs: round(sampled),
    idleMs: round(idle),
    alarmRuns: { count: alarm.length, longestMs: round(Math.max(0, ...alarm)), over100Ms: alarm.filter((ms) => ms > 100).length },
    hot: [...hot, ...inclusive.filter((h) => !hot.some((x) => x.function === h.function))],
  };
}
