// Turns list/watch selectors into one predicate, compiled once per request.
import type { KubeObject } from "../../apimachinery/object.ts";
import type { ResourceType } from "../../apimachinery/registry.ts";
import type { ListOptions } from "../options.ts";
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from "../../apimachinery/selectors.ts";

export function compileFilter(r: ResourceType, options: ListOptions): (object: KubeObject) => boolean {
  const labels = options.labelSelector ? parseLabelSelector(options.labelSelector) : undefined;
  const fields = options.fieldSelector ? parseFieldSelector(r, options.fieldSelector) : undefined;
  if (!labels && !fields) return () => true;
  return (object) =>
    (!labels || matchesLabels(labels, object.metadata.labels)) && (!fields || matchesFields(fields, object));
}
