// Secrets are encrypted at rest with AES-256-GCM. The cipher is synchronous
// (@noble/ciphers) on purpose: the store's write path runs without awaiting,
// so no other request can interleave between reading and writing an object.
import { gcm } from "@noble/ciphers/aes.js";
import { StatusError, failure } from "../apimachinery/status.ts";

const PREFIX = "enc:v1:";

/** A deployment mistake, reported to the client without any key material. */
function misconfigured(message: string): StatusError {
  return new StatusError(failure(500, "InternalError", `the control plane is misconfigured: ${message}`));
}
const NONCE_BYTES = 12;

export class SecretCipher {
  private readonly key: Uint8Array;

  constructor(base64Key: string | undefined) {
    if (!base64Key) throw misconfigured("SECRETS_KEY is not set, so Secrets cannot be encrypted at rest");
    try {
      this.key = Uint8Array.from(atob(base64Key), (ch) => ch.charCodeAt(0));
    } catch {
      throw misconfigured("SECRETS_KEY is not valid base64");
    }
    if (this.key.length !== 32) throw misconfigured(`SECRETS_KEY must be 32 bytes of base64 (got ${this.key.length} bytes)`);
  }

  encrypt(plaintext: string): string {
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const sealed = gcm(this.key, nonce).encrypt(new TextEncoder().encode(plaintext));
    const out = new Uint8Array(nonce.length + sealed.length);
    out.set(nonce);
    out.set(sealed, nonce.length);
    return PREFIX + toBase64(out);
  }

  decrypt(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const bytes = Uint8Array.from(atob(stored.slice(PREFIX.length)), (ch) => ch.charCodeAt(0));
    const opened = gcm(this.key, bytes.subarray(0, NONCE_BYTES)).decrypt(bytes.subarray(NONCE_BYTES));
    return new TextDecoder().decode(opened);
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
