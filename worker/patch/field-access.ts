// Following a managed-fields path into an object, to read or remove what it names.
import { isPlainObject } from "../apimachinery/object.ts";
import type { FieldPath } from "./field-set.ts";
import { deepEqual } from "../apimachinery/json-value.ts";

interface Location {
  parent: Record<string, unknown> | unknown[];
  /** Field name in a map parent, index in a list parent. */
  at: string | number;
}

function step(node: unknown, element: string): Location | undefined {
  const body = element.slice(2);
  switch (element.slice(0, 2)) {
    case "f:":
      return isPlainObject(node) && Object.hasOwn(node, body) ? { parent: node, at: body } : undefined;
    case "k:": {
      if (!Array.isArray(node)) return undefined;
      const keys = JSON.parse(body) as Record<string, unknown>;
      const at = node.findIndex(
        (item) => isPlainObject(item) && Object.entries(keys).every(([k, v]) => deepEqual(item[k], v)),
      );
      return at >= 0 ? { parent: node, at } : undefined;
    }
    case "v:": {
      if (!Array.isArray(node)) return undefined;
      const value: unknown = JSON.parse(body);
      const at = node.findIndex((item) => deepEqual(item, value));
      return at >= 0 ? { parent: node, at } : undefined;
    }
    case "i:": {
      const at = Number(body);
      return Array.isArray(node) && at < node.length ? { parent: node, at } : undefined;
    }
    default:
      return undefined;
  }
}

function read(location: Location): unknown {
  return Array.isArray(location.parent)
    ? location.parent[location.at as number]
    : location.parent[location.at as string];
}

function locate(root: unknown, path: FieldPath): Location | undefined {
  let node = root;
  let location: Location | undefined;
  for (const element of path) {
    location = step(node, element);
    if (!location) return undefined;
    node = read(location);
  }
  return location;
}

/** The value at `path`, or undefined when absent. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  const location = locate(root, path);
  return location ? read(location) : undefined;
}

/** Removes what `path` names; returns whether anything was there. */
export function removeAt(root: unknown, path: FieldPath): boolean {
  const location = locate(root, path);
  if (!location) return false;
  if (Array.isArray(location.parent)) location.parent.splice(location.at as number, 1);
  else delete location.parent[location.at as string];
  return true;
}
