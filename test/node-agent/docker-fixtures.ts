// Docker prerequisites shared by the global setup and the tests: the engine
// must answer (a clear failure otherwise, never a silent skip), and the test
// image is built locally from the host's static busybox (no registry).
import { access, readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import Dockerode from "dockerode";
import { tar } from "../../node-agent/runtime/docker/tar.ts";

export const DOCKER_SOCKET = process.env.DOCKER_SOCKET ?? "/var/run/docker.sock";
export const TEST_IMAGE = "kubeflare/busybox:test";
/** Every test node's name starts with this, so leftovers can be found and removed. */
export const TEST_NODE_PREFIX = "kf-test-";

export function testDocker(): Dockerode {
  return new Dockerode({ socketPath: DOCKER_SOCKET });
}

export async function requireDocker(docker: Dockerode): Promise<void> {
  try {
    await docker.ping();
  } catch (error) {
    throw new Error(
      `the node-agent tests need a Docker engine at ${DOCKER_SOCKET} and cannot reach it (${(error as Error).message}). ` +
        "Install docker.io and start dockerd (or set DOCKER_SOCKET).",
    );
  }
}

async function follow(docker: Dockerode, stream: NodeJS.ReadableStream, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error;
      if (failed) reject(new Error(`${what}: ${failed}`));
      else resolve();
    });
  });
}

/** Builds kubeflare/busybox:test from /bin/busybox unless it exists. */
export async function ensureTestImage(docker: Dockerode): Promise<void> {
  try {
    await docker.getImage(TEST_IMAGE).inspect();
    return;
  } catch {
    // Build it below.
  }
  const busybox = "/bin/busybox";
  try {
    await access(busybox);
  } catch {
    throw new Error(`${busybox} is missing: apt-get install busybox-static (the test image is built from it)`);
  }
  const dockerfile = [
    "FROM scratch",
    "COPY busybox /bin/busybox",
    'RUN ["/bin/busybox", "mkdir", "-p", "/tmp", "/etc", "/var", "/www"]',
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    "ENV PATH=/bin",
    'CMD ["/bin/sh"]',
  ].join("\n");
  const context = tar([
    { name: "Dockerfile", data: Buffer.from(dockerfile), mode: 0o644 },
    { name: "busybox", data: await readFile(busybox), mode: 0o755 },
  ]);
  await follow(docker, await docker.buildImage(Readable.from(context), { t: TEST_IMAGE, rm: true, forcerm: true }), `building ${TEST_IMAGE}`);
}

/**
 * Removes containers, volumes and pod networks that test nodes left behind:
 * one node's (`nodeName`), or every test node's older than `olderThanMs`,
 * so a run never disturbs another run going on at the same time.
 */
export async function removeTestContainers(docker: Dockerode, nodeName?: string, olderThanMs = 0): Promise<void> {
  const cutoff = Date.now() - olderThanMs;
  const ours = (node: string | undefined) => (node ?? "").startsWith(TEST_NODE_PREFIX) && (!nodeName || node === nodeName);
  const label = [nodeName ? `io.kubeflare.node=${nodeName}` : "io.kubeflare.node"];
  const containers = await docker.listContainers({ all: true, filters: { label } });
  await Promise.all(
    containers
      .filter((c) => ours(c.Labels["io.kubeflare.node"]) && c.Created * 1000 <= cutoff)
      .map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => {})),
  );
  const volumes = await docker.listVolumes({ filters: { label } });
  for (const v of volumes.Volumes ?? []) {
    const created = Date.parse((v as { CreatedAt?: string }).CreatedAt ?? "") || 0;
    if (ours(v.Labels?.["io.kubeflare.node"]) && created <= cutoff) await docker.getVolume(v.Name).remove().catch(() => {});
  }
  // An agent leaves its pod network in place while containers use it; they are gone now.
  const prefix = `kubeflare-${nodeName ?? TEST_NODE_PREFIX}`;
  for (const network of await docker.listNetworks()) {
    const created = Date.parse(network.Created) || 0;
    if (network.Name.startsWith(prefix) && created <= cutoff) await docker.getNetwork(network.Id).remove().catch(() => {});
  }
}
