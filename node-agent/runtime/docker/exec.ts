// Runs a command in a container and waits for its exit code (exec probes and
// hooks). Docker cannot kill an exec'd process, so on timeout the agent stops
// waiting and reports it; the process may linger as with dockershim.
import type Dockerode from "dockerode";
import type { Duplex } from "node:stream";
import type { ExecResult } from "../runtime.ts";
import { demuxDockerLog } from "./log-demux.ts";

const MAX_OUTPUT = 10 * 1024;

export async function execInContainer(docker: Dockerode, id: string, command: string[], timeoutMs: number): Promise<ExecResult> {
  const exec = await docker.getContainer(id).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
  const stream = (await exec.start({ Detach: false, Tty: false })) as Duplex;
  let output = "";
  const collect = (async () => {
    for await (const chunk of demuxDockerLog(stream)) {
      if (output.length < MAX_OUTPUT) output += chunk.toString("utf8").slice(0, MAX_OUTPUT - output.length);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    collect.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  if (timedOut) {
    stream.destroy();
    collect.catch(() => {});
    return { exitCode: -1, output, timedOut: true };
  }
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, output, timedOut: false };
}
