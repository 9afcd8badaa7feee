// The sandbox image, built locally on first use so pods start without any
// registry: FROM scratch plus the 129-byte pause executable on x86-64; on
// other architectures, the host's static busybox (Debian's busybox-static)
// sleeping forever.
import { access, readFile } from "node:fs/promises";
import { arch } from "node:os";
import { Readable } from "node:stream";
import type Dockerode from "dockerode";
import { pauseExecutableX64 } from "./pause-binary.ts";
import { tar } from "./tar.ts";
import type { TarEntry } from "./tar.ts";

export const PAUSE_IMAGE = "kubeflare/pause:3.10";
const HOST_BUSYBOX = "/bin/busybox";

async function buildContext(): Promise<{ entries: TarEntry[]; how: string }> {
  if (arch() === "x64") {
    const dockerfile = 'FROM scratch\nCOPY pause /pause\nLABEL io.kubeflare.pause="elf-x86_64"\nENTRYPOINT ["/pause"]\n';
    return {
      how: "pause executable (x86-64)",
      entries: [
        { name: "Dockerfile", data: Buffer.from(dockerfile), mode: 0o644 },
        { name: "pause", data: pauseExecutableX64(), mode: 0o755 },
      ],
    };
  }
  try {
    await access(HOST_BUSYBOX);
  } catch {
    throw new Error(`cannot build ${PAUSE_IMAGE} on ${arch()}: ${HOST_BUSYBOX} is missing (apt-get install busybox-static)`);
  }
  const dockerfile = 'FROM scratch\nCOPY busybox /busybox\nLABEL io.kubeflare.pause="busybox"\nENTRYPOINT ["/busybox", "sleep", "2147483647"]\n';
  return {
    how: `host busybox (${arch()})`,
    entries: [
      { name: "Dockerfile", data: Buffer.from(dockerfile), mode: 0o644 },
      { name: "busybox", data: await readFile(HOST_BUSYBOX), mode: 0o755 },
    ],
  };
}

/** Builds the pause image unless the engine has it; returns how it was made, or undefined if present. */
export async function ensurePauseImage(docker: Dockerode): Promise<string | undefined> {
  try {
    await docker.getImage(PAUSE_IMAGE).inspect();
    return undefined;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  const { entries, how } = await buildContext();
  const stream = await docker.buildImage(Readable.from(tar(entries)), { t: PAUSE_IMAGE, rm: true, forcerm: true });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error;
      if (failed) reject(new Error(`building ${PAUSE_IMAGE}: ${failed}`));
      else resolve();
    });
  });
  return how;
}
