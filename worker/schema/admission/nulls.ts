// JSON null means "unset" to Kubernetes' decoder (kubectl sends
// `creationTimestamp: null`); dropping nulls lets the schemas treat them as absent.

export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(stripNulls);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null) out[k] = stripNulls(v);
  }
  return out;
}
