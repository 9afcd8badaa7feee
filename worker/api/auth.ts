// Bearer-token authentication. Tokens are compared by their SHA-256 digests
// with a constant-time comparison, so neither timing nor length leaks them.

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

/** Paths anyone may read: probes and the version kubectl's dispatcher needs before it has a token. */
export const PUBLIC_PATHS = new Set(["/healthz", "/livez", "/readyz", "/version"]);
