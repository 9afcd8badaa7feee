// The pod-template-hash (controller.ComputeHash): FNV-32a of the template,
// then the collision count, rendered in decimal through rand.SafeEncodeString.
// Kubernetes hashes Go's printed struct; the canonical form here is sorted
// JSON without empty fields, so templates equal by meaning hash alike.
import { isPlainObject } from "../../apimachinery/object.ts";

const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const encoder = new TextEncoder();

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = canonical(value[key]);
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isPlainObject(v) && Object.keys(v).length === 0) continue;
    out[key] = v;
  }
  return out;
}

function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function safeEncodeString(text: string): string {
  return Array.from(text, (ch) => SAFE_ALPHABET[(ch.codePointAt(0) ?? 0) % SAFE_ALPHABET.length]).join("");
}

export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let hash = fnv32a(encoder.encode(JSON.stringify(canonical(template) ?? {})));
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32 into an 8-byte buffer, as Kubernetes writes it.
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}
