// imagePullSecrets as registry credentials: kubernetes.io/dockerconfigjson
// (and the older dockercfg) secrets hold auths keyed by registry; those for
// the image's registry are tried in order.
import type { Secret } from "../../worker/schema/kinds.ts";
import type { RegistryAuth } from "../runtime/runtime.ts";

interface DockerAuthEntry {
  username?: string;
  password?: string;
  auth?: string;
  identitytoken?: string;
}

const DOCKER_HUB = "docker.io";

/** The registry host of an image reference ("nginx" -> docker.io). */
export function registryOf(image: string): string {
  const slash = image.indexOf("/");
  if (slash === -1) return DOCKER_HUB;
  const first = image.slice(0, slash);
  if (first.includes(".") || first.includes(":") || first === "localhost") return first === "index.docker.io" ? DOCKER_HUB : first;
  return DOCKER_HUB;
}

function registryKey(key: string): string {
  const host = key.replace(/^https?:\/\//, "").split("/")[0] ?? "";
  return host === "index.docker.io" || host === "registry-1.docker.io" ? DOCKER_HUB : host;
}

function entriesOf(secret: Secret): Record<string, DockerAuthEntry> {
  const data = secret.data ?? {};
  try {
    if (data[".dockerconfigjson"]) {
      const parsed = JSON.parse(Buffer.from(data[".dockerconfigjson"], "base64").toString("utf8")) as { auths?: Record<string, DockerAuthEntry> };
      return parsed.auths ?? {};
    }
    if (data[".dockercfg"]) return JSON.parse(Buffer.from(data[".dockercfg"], "base64").toString("utf8")) as Record<string, DockerAuthEntry>;
  } catch {
    return {};
  }
  return {};
}

export function registryAuths(image: string, secrets: Secret[]): RegistryAuth[] {
  const registry = registryOf(image);
  const auths: RegistryAuth[] = [];
  for (const secret of secrets) {
    for (const [key, entry] of Object.entries(entriesOf(secret))) {
      if (registryKey(key) !== registry) continue;
      let { username, password } = entry;
      if ((!username || !password) && entry.auth) {
        const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        if (colon > 0) {
          username = decoded.slice(0, colon);
          password = decoded.slice(colon + 1);
        }
      }
      auths.push({
        serveraddress: registry === DOCKER_HUB ? "https://index.docker.io/v1/" : registry,
        username,
        password,
        identitytoken: entry.identitytoken,
      });
    }
  }
  return auths;
}
