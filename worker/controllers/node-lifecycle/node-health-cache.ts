// Whether each node currently needs its pods looked at (not Ready, or
// NoExecute-tainted), remembered from the node changes the controller
// observes, so that the stream of pod changes (thousands of bindings per
// second) does not read and decode a Node for each one. A restarted object
// starts empty (the cache is keyed by the revision log instance) and fills
// itself from reads.
import type { Node } from "../../schema/kinds.ts";
import type { RevisionLog } from "../../store/revision-log.ts";
import { readyStatus } from "./conditions.ts";
import { noExecuteTaints } from "./taints.ts";

const caches = new WeakMap<RevisionLog, Map<string, boolean>>();

function cacheOf(log: RevisionLog): Map<string, boolean> {
  let cache = caches.get(log);
  if (!cache) caches.set(log, (cache = new Map()));
  return cache;
}

export function needsPodPass(node: Node): boolean {
  return readyStatus(node) !== "True" || noExecuteTaints(node).length > 0;
}

export function rememberNode(log: RevisionLog, node: Node, deleted: boolean): void {
  const name = node.metadata.name ?? "";
  if (deleted) cacheOf(log).delete(name);
  else cacheOf(log).set(name, needsPodPass(node));
}

/** False for nodes that do not exist. */
export function nodeNeedsPodPass(log: RevisionLog, name: string): boolean {
  const cache = cacheOf(log);
  const known = cache.get(name);
  if (known !== undefined) return known;
  const node = log.read({ resource: "nodes", namespace: "", name }) as Node | undefined;
  if (!node) return false; // Not cached: the node may register later.
  const needs = needsPodPass(node);
  cache.set(name, needs);
  return needs;
}
