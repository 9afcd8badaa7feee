// The selectors of each namespace's Services, kept in memory so that a pod
// change finds the Services it affects without decoding every Service.
// Entries are dropped on any Service change in their namespace and rebuilt on
// the next lookup; a restarted object starts with an empty cache (it is keyed
// by the revision log instance, which lives exactly as long as the object).
import type { Service } from "../../schema/kinds.ts";
import type { RevisionLog } from "../../store/revision-log.ts";
import { selectorOf } from "./desired.ts";

export interface ServiceSelector {
  name: string;
  selector: Record<string, string>;
}

const caches = new WeakMap<RevisionLog, Map<string, ServiceSelector[]>>();

function cacheOf(log: RevisionLog): Map<string, ServiceSelector[]> {
  let cache = caches.get(log);
  if (!cache) caches.set(log, (cache = new Map()));
  return cache;
}

export function serviceSelectors(log: RevisionLog, namespace: string): readonly ServiceSelector[] {
  const cache = cacheOf(log);
  let entries = cache.get(namespace);
  if (!entries) {
    entries = [];
    for (const object of log.scan("services", namespace)) {
      const selector = selectorOf(object as unknown as Service);
      if (selector) entries.push({ name: object.metadata.name ?? "", selector });
    }
    cache.set(namespace, entries);
  }
  return entries;
}

export function forgetServices(log: RevisionLog, namespace: string): void {
  caches.get(log)?.delete(namespace);
}
