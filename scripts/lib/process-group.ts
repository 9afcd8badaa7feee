// wrangler starts workerd as a child of its own; killing wrangler alone can
// leave workerd holding the port. Each server therefore runs detached in its
// own process group, and stopping it signals the whole group.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";

export interface GroupExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProcessGroup {
  pid: number;
  child: ChildProcess;
  /** Settles when the group leader exits, for whatever reason. */
  exited: Promise<GroupExit>;
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnGroupOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr go here (truncated first) instead of the terminal. */
  logFile: string;
}

const live = new Set<ProcessGroup>();

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

// Last resort when the parent dies without running its cleanup (an uncaught
// exception, process.exit): no orphaned workerd keeps the port.
process.once("exit", () => {
  for (const group of live) signalGroup(group.pid, "SIGKILL");
});

export function spawnGroup(command: string, args: string[], options: SpawnGroupOptions): ProcessGroup {
  const log = openSync(options.logFile, "w");
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  const exited = new Promise<GroupExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", () => resolve({ code: null, signal: null }));
  });
  let stopping: Promise<void> | undefined;
  const group: ProcessGroup = {
    pid,
    child,
    exited,
    stop(graceMs = 5_000) {
      stopping ??= (async () => {
        signalGroup(pid, "SIGTERM");
        const timer = delay(graceMs, "timeout" as const, { ref: false });
        if ((await Promise.race([exited, timer])) === "timeout") signalGroup(pid, "SIGKILL");
        await exited;
        // The leader may be gone while workerd lingers; sweep the group.
        signalGroup(pid, "SIGKILL");
        live.delete(group);
      })();
      return stopping;
    },
  };
  // Kept even after the leader exits on its own: its workerd may linger.
  live.add(group);
  return group;
}
