// Pulling an image, trying each registry credential that matches. Docker
// reports most pull failures inside the progress stream rather than as an
// HTTP error, so both are checked.
import type Dockerode from "dockerode";
import type { RegistryAuth } from "../runtime.ts";

interface Progress {
  error?: string;
  errorDetail?: { message?: string };
}

function dockerError(error: unknown): string {
  const json = (error as { json?: { message?: string } } | null)?.json;
  return json?.message ?? (error instanceof Error ? error.message : String(error));
}

async function pullOnce(docker: Dockerode, ref: string, auth: RegistryAuth | undefined): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(ref, auth ? { authconfig: auth } : {});
  } catch (error) {
    throw new Error(dockerError(error));
  }
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: Progress[]) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error;
      if (failed) reject(new Error(failed));
      else resolve();
    });
  });
}

export async function pullImage(docker: Dockerode, ref: string, auths: RegistryAuth[]): Promise<void> {
  if (auths.length === 0) return pullOnce(docker, ref, undefined);
  const failures: string[] = [];
  for (const auth of auths) {
    try {
      return await pullOnce(docker, ref, auth);
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  throw new Error(failures.join("; "));
}
