// Sets of field paths in the notation of Kubernetes managedFields (FieldsV1):
// `f:<field>`, `k:{"name":"main"}` for an element of a keyed list, `v:<json>`
// for a member of a set, `i:<n>` for a list index.
import { isPlainObject } from "../apimachinery/object.ts";

export type FieldPath = readonly string[];

export class FieldSet {
  private readonly members = new Map<string, FieldPath>();

  static of(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.add(p);
    return set;
  }

  get size(): number {
    return this.members.size;
  }

  add(path: FieldPath): void {
    this.members.set(JSON.stringify(path), path);
  }

  has(path: FieldPath): boolean {
    return this.members.has(JSON.stringify(path));
  }

  delete(path: FieldPath): void {
    this.members.delete(JSON.stringify(path));
  }

  paths(): FieldPath[] {
    return [...this.members.values()];
  }

  /** Whether `path` or anything beneath it is a member. */
  hasWithin(path: FieldPath): boolean {
    for (const p of this.members.values()) if (isPrefix(path, p)) return true;
    return false;
  }

  union(other: FieldSet): FieldSet {
    return FieldSet.of([...this.paths(), ...other.paths()]);
  }

  difference(other: FieldSet): FieldSet {
    return FieldSet.of(this.paths().filter((p) => !other.has(p)));
  }

  equals(other: FieldSet): boolean {
    return this.size === other.size && this.paths().every((p) => other.has(p));
  }

  /** FieldsV1 JSON: a member with members beneath it carries a "." entry. */
  toFieldsV1(): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    const sorted = this.paths().sort((a, b) => a.length - b.length);
    for (const path of sorted) {
      let node = root;
      path.forEach((element, i) => {
        const child = isPlainObject(node[element]) ? node[element] : (node[element] = {});
        if (i < path.length - 1 && this.has(path.slice(0, i + 1))) child["."] = {};
        node = child;
      });
    }
    return sortKeys(root);
  }

  static fromFieldsV1(fields: unknown): FieldSet {
    const set = new FieldSet();
    const walk = (node: unknown, path: string[]) => {
      if (!isPlainObject(node)) return;
      const keys = Object.keys(node);
      if (path.length > 0 && (keys.length === 0 || keys.includes("."))) set.add(path);
      for (const k of keys) if (k !== ".") walk(node[k], [...path, k]);
    };
    walk(fields, []);
    return set;
  }
}

function isPrefix(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((e, i) => path[i] === e);
}

// Kubernetes serialises FieldsV1 with sorted keys, "." first.
function sortKeys(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(node).sort()) {
    const v = node[k];
    out[k] = isPlainObject(v) ? sortKeys(v) : v;
  }
  return out;
}

export function fieldElement(name: string): string {
  return `f:${name}`;
}

export function keyElement(keys: Record<string, unknown>): string {
  return `k:${JSON.stringify(keys)}`;
}

export function valueElement(value: unknown): string {
  return `v:${JSON.stringify(value)}`;
}

/** `.spec.containers[name="main"].image`, as Kubernetes prints a path. */
export function pathString(path: FieldPath): string {
  return path
    .map((element) => {
      const body = element.slice(2);
      switch (element.slice(0, 2)) {
        case "f:":
          return `.${body}`;
        case "k:": {
          const keys = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}]`;
        }
        case "v:":
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join("");
}
