// The kubeconfig is the signal that the cluster is usable: scripts and tests
// wait for the file, so it is only ever written whole (temp file + rename)
// and only after the API has answered.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { stringify } from "yaml";

export interface KubeconfigOptions {
  server: string;
  token: string;
  name?: string;
}

export function renderKubeconfig({ server, token, name = "kubeflare" }: KubeconfigOptions): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name,
        // The local certificate is self-signed by wrangler; https is still
        // needed because kubectl sends no token over plain http.
        cluster: { server, "insecure-skip-tls-verify": true },
      },
    ],
    users: [{ name: "admin", user: { token } }],
    contexts: [{ name, context: { cluster: name, user: "admin", namespace: "default" } }],
    "current-context": name,
    preferences: {},
  });
}

export async function writeKubeconfig(path: string, options: KubeconfigOptions): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, renderKubeconfig(options), { mode: 0o600 });
  await rename(temp, path);
}

export async function removeKubeconfig(path: string): Promise<void> {
  await rm(path, { force: true });
}
