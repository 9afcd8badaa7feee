// Where a local cluster keeps its files. The developer's cluster uses the
// conventional places in the checkout; a state directory (for tests, or a
// second cluster) keeps everything under one folder so nothing is shared.
import { isAbsolute, join, resolve } from "node:path";

export interface ClusterPaths {
  /** Directory holding wrangler.toml: wrangler runs from here. */
  root: string;
  devVars: string;
  persistDir: string;
  kubeconfig: string;
  wranglerLog: string;
}

export const STATE_DIR_ENV = "KUBEFLARE_STATE_DIR";

export function repoRoot(): string {
  return resolve(import.meta.dirname, "..", "..");
}

export function clusterPaths(root: string, stateDir?: string): ClusterPaths {
  if (stateDir === undefined || stateDir === "") {
    return {
      root,
      devVars: join(root, ".dev.vars"),
      persistDir: join(root, ".wrangler", "state"),
      kubeconfig: join(root, ".kubeflare", "kubeconfig"),
      wranglerLog: join(root, ".kubeflare", "wrangler.log"),
    };
  }
  const dir = isAbsolute(stateDir) ? stateDir : resolve(process.cwd(), stateDir);
  return {
    root,
    devVars: join(dir, ".dev.vars"),
    persistDir: join(dir, "state"),
    kubeconfig: join(dir, "kubeconfig"),
    wranglerLog: join(dir, "wrangler.log"),
  };
}
