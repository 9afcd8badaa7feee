// Bearer-token authentication: the admin token (compared by SHA-256 digest
// in constant time, so neither timing nor length leaks it) or a node
// credential bound to this cluster.
import type { Identity } from "./identity.ts";
import { isNodeCredential, verifyNodeCredential } from "./node-credentials.ts";

const encoder = new TextEncoder();

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

export async function tokensEqual(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(presented), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export interface Credentials {
  adminToken?: string;
  secretsKey?: string;
  cluster: string;
}

export async function authenticate(request: Request, credentials: Credentials): Promise<Identity | undefined> {
  const token = bearerToken(request);
  if (!token) return undefined;
  if (isNodeCredential(token)) {
    if (!credentials.secretsKey) return undefined;
    const claims = await verifyNodeCredential(credentials.secretsKey, token);
    return claims && claims.cluster === credentials.cluster ? { kind: "node", nodeName: claims.node } : undefined;
  }
  if (credentials.adminToken && (await tokensEqual(token, credentials.adminToken))) return { kind: "admin" };
  return undefined;
}

/** Paths anyone may read: probes and the version kubectl's dispatcher needs before it has a token. */
export const PUBLIC_PATHS = new Set(["/healthz", "/livez", "/readyz", "/version"]);
