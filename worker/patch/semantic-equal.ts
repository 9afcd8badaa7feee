// Equality by meaning, as Kubernetes compares decoded Go structs: a field that
// is null, empty or absent is the zero value either way. This is what lets the
// Deployment controller match a template restored by `kubectl rollout undo`
// (`creationTimestamp: null`, `resources: {}`) to its old ReplicaSet's.
import { isPlainObject } from "../apimachinery/object.ts";

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.values(value).every(isEmpty);
  return false;
}

export function semanticallyEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => semanticallyEqual(item, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticallyEqual(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}
