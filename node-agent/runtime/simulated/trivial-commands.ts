// What a simulated container "does": the few commands whose outcome is
// obvious without running them (true, false, exit N, sleep N) end the way
// they would; everything else runs until stopped. TEST TOOL.

export interface SimulatedOutcome {
  /** Milliseconds until the container exits; undefined: runs until stopped. */
  exitAfterMs?: number;
  exitCode: number;
}

const RUNS_FOREVER: SimulatedOutcome = { exitCode: 0 };

export function simulatedOutcome(command: string[] | undefined, args: string[] | undefined): SimulatedOutcome {
  const words = [...(command ?? []), ...(args ?? [])];
  if (words.length === 0) return RUNS_FOREVER;
  const program = words[0].split("/").pop() ?? "";
  // `sh -c "script"`: look at the script itself.
  if ((program === "sh" || program === "bash") && words[1] === "-c" && words.length >= 3) {
    return simulatedOutcome(words[2].trim().split(/\s+/), undefined);
  }
  if (program === "true") return { exitAfterMs: 10, exitCode: 0 };
  if (program === "false") return { exitAfterMs: 10, exitCode: 1 };
  if (program === "exit") return { exitAfterMs: 10, exitCode: Number(words[1] ?? 0) || 0 };
  if (program === "sleep" && words.length === 2 && /^\d+(\.\d+)?$/.test(words[1])) {
    return { exitAfterMs: Number(words[1]) * 1000, exitCode: 0 };
  }
  return RUNS_FOREVER;
}
