// Kubelet's AtomicWriter: a volume's files live in a timestamped directory
// that `..data` points to, and each top-level name is a symlink through
// `..data`. An update writes a new directory and swaps `..data` with one
// rename, so a container never sees a half-written set of files.
import { lstat, mkdir, readFile, readdir, readlink, rename, rm, stat, symlink, writeFile, chmod, chown } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";

export interface VolumeFile {
  data: Buffer;
  mode: number;
}

const DATA = "..data";

function checkPath(path: string): void {
  const clean = normalize(path);
  if (path === "" || clean.startsWith("..") || clean.startsWith("/") || clean.split("/").includes("..")) {
    throw new Error(`invalid file path "${path}" in volume: must be relative and must not contain '..'`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** True when `..data` already holds exactly these files with these modes. */
async function unchanged(dir: string, files: Map<string, VolumeFile>): Promise<boolean> {
  const current = join(dir, DATA);
  if (!(await exists(current))) return false;
  try {
    const present = await listFiles(current);
    if (present.length !== files.size) return false;
    for (const [path, file] of files) {
      const full = join(current, path);
      const [content, info] = await Promise.all([readFile(full), stat(full)]);
      if (!content.equals(file.data) || (info.mode & 0o7777) !== file.mode) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function stampName(): string {
  const now = new Date();
  const stamp = now.toISOString().replace(/[-:]/g, "_").replace("T", "_").replace("Z", "");
  return `..${stamp}.${process.hrtime.bigint() % 1_000_000_000n}`;
}

/** Writes `files` into `dir`; returns false when nothing changed. `gid` sets group ownership (fsGroup). */
export async function writeAtomically(dir: string, files: Map<string, VolumeFile>, gid?: number): Promise<boolean> {
  for (const path of files.keys()) checkPath(path);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  if (await unchanged(dir, files)) return false;

  const stamp = stampName();
  const staging = join(dir, stamp);
  await mkdir(staging, { mode: 0o755 });
  for (const [path, file] of files) {
    const full = join(staging, path);
    await mkdir(dirname(full), { recursive: true, mode: 0o755 });
    await writeFile(full, file.data);
    // writeFile's mode is filtered by the umask; volumes must carry exactly the requested mode.
    await chmod(full, file.mode);
    if (gid !== undefined) await chown(full, 0, gid);
  }
  await chmod(staging, 0o755);

  let previous: string | undefined;
  try {
    previous = await readlink(join(dir, DATA));
  } catch {
    previous = undefined;
  }
  const tmpLink = join(dir, `${DATA}_tmp`);
  await rm(tmpLink, { force: true });
  await symlink(stamp, tmpLink);
  await rename(tmpLink, join(dir, DATA));

  const topLevel = new Set([...files.keys()].map((p) => p.split("/")[0]));
  for (const name of topLevel) {
    const link = join(dir, name);
    if (!(await exists(link))) await symlink(join(DATA, name), link);
  }
  for (const entry of await readdir(dir)) {
    if (entry.startsWith("..") || topLevel.has(entry)) continue;
    const link = join(dir, entry);
    const info = await lstat(link);
    if (info.isSymbolicLink() && (await readlink(link)).startsWith(`${DATA}/`)) await rm(link, { force: true });
  }
  if (previous && previous !== stamp) await rm(join(dir, previous), { recursive: true, force: true });
  return true;
}
