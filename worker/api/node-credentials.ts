// Node credentials: a node that presented the join token receives a token
// bound to its node name and cluster, signed with HMAC-SHA256 under a key
// derived from SECRETS_KEY. Verifying one needs no storage round trip.

const PREFIX = "kfn1";
const encoder = new TextEncoder();

export interface NodeClaims {
  /** The node name this credential may act as. */
  node: string;
  cluster: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

/** Deriving the key costs a digest and an import; every node request needs it. */
const keyCache = new Map<string, Promise<CryptoKey>>();

function signingKey(secretsKey: string): Promise<CryptoKey> {
  let key = keyCache.get(secretsKey);
  if (!key) {
    key = deriveSigningKey(secretsKey);
    keyCache.set(secretsKey, key);
  }
  return key;
}

async function deriveSigningKey(secretsKey: string): Promise<CryptoKey> {
  const raw = Uint8Array.from(atob(secretsKey), (c) => c.charCodeAt(0));
  // Domain-separate from the Secrets cipher, which uses the same root key.
  const derived = await crypto.subtle.digest("SHA-256", new Uint8Array([...encoder.encode("kubeflare node credential v1:"), ...raw]));
  return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function issueNodeCredential(secretsKey: string, claims: NodeClaims): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign("HMAC", await signingKey(secretsKey), encoder.encode(`${PREFIX}.${payload}`));
  return `${PREFIX}.${payload}.${base64url(new Uint8Array(signature))}`;
}

/** The claims of a valid credential, or undefined for anything else. */
export async function verifyNodeCredential(secretsKey: string, token: string): Promise<NodeClaims | undefined> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX) return undefined;
  try {
    const ok = await crypto.subtle.verify(
      "HMAC",
      await signingKey(secretsKey),
      fromBase64url(parts[2]),
      encoder.encode(`${PREFIX}.${parts[1]}`),
    );
    if (!ok) return undefined;
    const claims = JSON.parse(new TextDecoder().decode(fromBase64url(parts[1]))) as NodeClaims;
    return typeof claims.node === "string" && typeof claims.cluster === "string" ? claims : undefined;
  } catch {
    return undefined;
  }
}

export function isNodeCredential(token: string): boolean {
  return token.startsWith(`${PREFIX}.`);
}
