// metav1.LabelSelector semantics (as labels.SelectorFromSet/LabelSelectorAsSelector).
import type { LabelSelectorValue } from "./meta.ts";

export function labelSelectorMatches(selector: LabelSelectorValue, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (have[k] !== v) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(have, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
        if (!present || !values.includes(have[req.key])) return false;
        break;
      case "NotIn":
        if (present && values.includes(have[req.key])) return false;
        break;
      case "Exists":
        if (!present) return false;
        break;
      case "DoesNotExist":
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptySelector(selector: LabelSelectorValue): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** The string form (`app=web,tier in (a,b)`) used by Scale.status.selector and ?labelSelector=. */
export function labelSelectorToString(selector: LabelSelectorValue): string {
  const parts = Object.keys(selector.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${(selector.matchLabels ?? {})[k]}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = [...(req.values ?? [])].sort().join(",");
    if (req.operator === "In") parts.push(`${req.key} in (${values})`);
    else if (req.operator === "NotIn") parts.push(`${req.key} notin (${values})`);
    else if (req.operator === "Exists") parts.push(req.key);
    else if (req.operator === "DoesNotExist") parts.push(`!${req.key}`);
  }
  return parts.join(",");
}
