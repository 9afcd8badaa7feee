// Secret defaulting: type Opaque, and stringData folded into data.
import { encodeBase64String } from "../base64.ts";
import type { Secret } from "../secret.ts";

export function defaultSecret(s: Secret): void {
  s.type ??= "Opaque";
  if (s.stringData) {
    const data = (s.data ??= {});
    for (const [k, v] of Object.entries(s.stringData)) data[k] = encodeBase64String(v);
    delete s.stringData;
  }
}
