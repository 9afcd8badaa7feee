// Secrets are encrypted at rest with AES-256-GCM. The cipher is synchronous
// (@noble/ciphers) on purpose: the store's write path runs without awaiting,
// so no other request can interleave between reading and writing an object.
import { gcm } from "@noble/ciphers/aes.js";

const PREFIX = "enc:v1:";
const NONCE_BYTES = 12;

export class SecretCipher {
  private readonly key: Uint8Array;

  constructor(base64Key: string | undefined) {
    if (!base64Key) throw new Error("SECRETS_KEY is not set: Secrets cannot be stored without an encryption key");
    this.key = Uint8Array.from(atob(base64Key), (ch) => ch.charCodeAt(0));
    if (this.key.length !== 32) {
      throw new Error(`SECRETS_KEY must be 32 bytes of base64 (got ${this.key.length} bytes)`);
    }
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
