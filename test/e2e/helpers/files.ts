// Manifests and kubeconfigs the tests write into this run's scratch space.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { inject } from "vitest";

export async function scratchFile(name: string, content: string): Promise<string> {
  const dir = join(inject("cluster").workDir, "files");
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}
