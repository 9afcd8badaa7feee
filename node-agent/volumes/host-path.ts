// hostPath volumes: the type field's checks and creations, as kubelet does
// them, before Docker is asked to bind the path.
import { mkdir, open, stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import { VolumeError } from "./projections.ts";

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

export async function prepareHostPath(path: string, type: string | undefined): Promise<void> {
  const info = await statOrUndefined(path);
  const fail = (what: string) => {
    throw new VolumeError(`hostPath type check failed: ${path} is not ${what}`);
  };
  switch (type ?? "") {
    case "":
      // Like `docker run -v`: a missing path becomes a directory.
      if (!info) await mkdir(path, { recursive: true, mode: 0o755 });
      return;
    case "DirectoryOrCreate":
      if (!info) await mkdir(path, { recursive: true, mode: 0o755 });
      else if (!info.isDirectory()) fail("a directory");
      return;
    case "Directory":
      if (!info?.isDirectory()) fail("a directory");
      return;
    case "FileOrCreate":
      if (!info) {
        try {
          await (await open(path, "a", 0o644)).close();
        } catch (error) {
          throw new VolumeError(`hostPath ${path}: cannot create file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
      } else if (!info.isFile()) fail("a file");
      return;
    case "File":
      if (!info?.isFile()) fail("a file");
      return;
    case "Socket":
      if (!info?.isSocket()) fail("a socket file");
      return;
    case "CharDevice":
      if (!info?.isCharacterDevice()) fail("a character device");
      return;
    case "BlockDevice":
      if (!info?.isBlockDevice()) fail("a block device");
      return;
    default:
      throw new VolumeError(`hostPath ${path}: unknown type "${type}"`);
  }
}
