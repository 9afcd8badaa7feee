// Kubernetes' field path notation: `spec.containers[0].image`, `metadata.labels[app]`.

// Children of these fields are map keys, which Kubernetes prints in brackets.
const MAP_FIELDS = new Set([
  "labels",
  "annotations",
  "nodeSelector",
  "selector",
  "matchLabels",
  "data",
  "binaryData",
  "stringData",
  "limits",
  "requests",
  "capacity",
  "allocatable",
  "overhead",
  "volumeAttributes",
]);

export function fieldPath(segments: readonly PropertyKey[]): string {
  let out = "";
  let previous: PropertyKey | undefined;
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof previous === "string" && MAP_FIELDS.has(previous)) out += `[${String(s)}]`;
    else out += out === "" ? String(s) : `.${String(s)}`;
    previous = s;
  }
  return out;
}

export function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const s of segments) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[s];
  }
  return cur;
}
