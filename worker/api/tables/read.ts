// Lenient readers for printing: a Table must render whatever is stored, so a
// missing or mistyped field reads as empty instead of failing the whole list.

export type Json = Record<string, unknown>;

export function obj(v: unknown): Json {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

export function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.map(obj) : [];
}

export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

export function int(v: unknown, fallback = 0): number {
  return typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : fallback;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) if (typeof val === "string") out[k] = val;
  return out;
}

/** labels.FormatLabels: sorted "k=v" pairs, "<none>" when empty. */
export function formatLabels(v: unknown): string {
  const m = stringMap(v);
  const keys = Object.keys(m).sort();
  return keys.length === 0 ? "<none>" : keys.map((k) => `${k}=${m[k]}`).join(",");
}
