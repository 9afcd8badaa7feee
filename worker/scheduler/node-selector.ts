// nodeSelector and node affinity terms compiled to matchers once per pod
// (component-helpers' nodeaffinity): terms are ORed, the requirements of a
// term ANDed; an empty or invalid term matches nothing.
import type { Labels, NodeMatcher } from "./types.ts";

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: readonly string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: readonly NodeSelectorRequirement[];
  matchFields?: readonly NodeSelectorRequirement[];
}

type Test = (value: string | undefined) => boolean;

function compileRequirement(r: NodeSelectorRequirement): Test | undefined {
  const values = r.values ?? [];
  switch (r.operator) {
    case "In": {
      const set = new Set(values);
      return (v) => v !== undefined && set.has(v);
    }
    case "NotIn": {
      const set = new Set(values);
      return (v) => v === undefined || !set.has(v);
    }
    case "Exists":
      return (v) => v !== undefined;
    case "DoesNotExist":
      return (v) => v === undefined;
    case "Gt":
    case "Lt": {
      if (values.length !== 1 || !/^-?\d+$/.test(values[0])) return undefined;
      const bound = Number(values[0]);
      const greater = r.operator === "Gt";
      return (v) => v !== undefined && /^-?\d+$/.test(v) && (greater ? Number(v) > bound : Number(v) < bound);
    }
    default:
      return undefined;
  }
}

function compileTerm(term: NodeSelectorTerm): NodeMatcher | undefined {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return undefined;
  const labelTests: { key: string; test: Test }[] = [];
  for (const r of exprs) {
    const test = compileRequirement(r);
    if (!test) return undefined;
    labelTests.push({ key: r.key, test });
  }
  const nameTests: Test[] = [];
  for (const r of fields) {
    // metadata.name is the only field Kubernetes supports here.
    const test = r.key === "metadata.name" ? compileRequirement(r) : undefined;
    if (!test) return undefined;
    nameTests.push(test);
  }
  return (labels, name) => {
    for (const t of labelTests) if (!t.test(Object.hasOwn(labels, t.key) ? labels[t.key] : undefined)) return false;
    for (const t of nameTests) if (!t(name)) return false;
    return true;
  };
}

/** Required node affinity terms (ORed); no terms at all match nothing. */
export function compileNodeSelectorTerms(terms: readonly NodeSelectorTerm[]): NodeMatcher {
  const compiled = terms.map(compileTerm).filter((m): m is NodeMatcher => m !== undefined);
  if (compiled.length === 0) return () => false;
  if (compiled.length === 1) return compiled[0];
  return (labels, name) => compiled.some((m) => m(labels, name));
}

/** A preferred term; an invalid or empty one never matches. */
export function compilePreferredTerm(term: NodeSelectorTerm): NodeMatcher {
  return compileTerm(term) ?? (() => false);
}

/** spec.nodeSelector AND required node affinity; undefined when the pod has neither. */
export function requiredNodeMatcher(
  nodeSelector: Readonly<Record<string, string>> | undefined,
  required: { nodeSelectorTerms: readonly NodeSelectorTerm[] } | undefined,
): NodeMatcher | undefined {
  const pairs = Object.entries(nodeSelector ?? {});
  const affinity = required ? compileNodeSelectorTerms(required.nodeSelectorTerms) : undefined;
  if (pairs.length === 0) return affinity;
  const selector = (labels: Labels) => {
    for (const [k, v] of pairs) if (labels[k] !== v || !Object.hasOwn(labels, k)) return false;
    return true;
  };
  if (!affinity) return (labels) => selector(labels);
  return (labels, name) => selector(labels) && affinity(labels, name);
}
