// get and list. Lists page in key order; a continue token names the last key
// returned, so later pages never repeat or skip an object that stayed put.
import type { KubeObject } from "../../apimachinery/object.ts";
import { StatusError, errors } from "../../apimachinery/status.ts";
import type { ListOptions, ObjectList } from "../options.ts";
import type { StoreContext } from "./context.ts";
import { readExisting, resourceOf } from "./context.ts";
import { compileFilter } from "./filter.ts";

export function getObject(ctx: StoreContext, plural: string, namespace: string | undefined, name: string): KubeObject {
  return readExisting(ctx, resourceOf(plural), namespace, name);
}

interface ContinueKey {
  namespace: string;
  name: string;
}

function encodeContinue(key: ContinueKey): string {
  return btoa(JSON.stringify([key.namespace, key.name])).replace(/=+$/, "");
}

function decodeContinue(token: string): ContinueKey {
  try {
    const [namespace, name] = JSON.parse(atob(token)) as unknown[];
    if (typeof namespace === "string" && typeof name === "string") return { namespace, name };
  } catch {
    // fall through to the error below
  }
  throw new StatusError(errors.badRequest("continue key is not valid: the continue token is malformed"));
}

export function listObjects(ctx: StoreContext, plural: string, namespace: string | undefined, options: ListOptions): ObjectList {
  const r = resourceOf(plural);
  const matches = compileFilter(r, options);
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const after = options.continue ? decodeContinue(options.continue) : undefined;
  const items: KubeObject[] = [];
  let more = false;
  for (const object of ctx.log.scan(r.plural, r.namespaced ? namespace : undefined, after)) {
    if (!matches(object)) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(object);
  }
  const list: ObjectList = { items, resourceVersion: String(ctx.log.revision) };
  if (more) {
    const last = items[items.length - 1].metadata;
    list.continue = encodeContinue({ namespace: last.namespace ?? "", name: last.name ?? "" });
  }
  return list;
}
