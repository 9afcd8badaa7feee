// Opens the Docker Engine API from a --docker-host URL and proves it answers,
// so the CLI can say in one line why it cannot start.
import Dockerode from "dockerode";

export class DockerUnreachableError extends Error {}

export function dockerClient(dockerHost: string): Dockerode {
  const url = new URL(dockerHost);
  if (url.protocol === "unix:") return new Dockerode({ socketPath: url.pathname });
  return new Dockerode({ host: url.hostname, port: Number(url.port || 2375), protocol: "http" });
}

export async function connectDocker(dockerHost: string, timeoutMs = 5000): Promise<Dockerode> {
  const docker = dockerClient(dockerHost);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      docker.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" || err.code === "ECONNREFUSED" ? `${err.code} (is dockerd running?)` : err.code === "EACCES" ? "EACCES (no permission on the socket: add this user to the docker group)" : err.message;
    throw new DockerUnreachableError(`cannot reach the Docker engine at ${dockerHost}: ${why}`);
  } finally {
    clearTimeout(timer);
  }
  return docker;
}
