// Field selectors (`?fieldSelector=`): only the fields each Kubernetes resource
// makes selectable are accepted, read the way its registry's
// ToSelectableFields reads them (booleans as "true"/"false", a missing
// field as ""). Compiled once into a closure: watches test it per event.
import type { KubeObject } from "./object.ts";
import { isPlainObject } from "./object.ts";
import type { ResourceType } from "./registry.ts";
import { StatusError, errors } from "./status.ts";

export interface FieldRequirement {
  field: string;
  operator: "=" | "!=";
  value: string;
}

export interface FieldSelector {
  /** Sorted as fields.ParseSelector sorts its terms. */
  readonly requirements: readonly FieldRequirement[];
  readonly test: (obj: KubeObject) => boolean;
}

type Extractor = (obj: KubeObject) => string;

/** Reads a dotted path; objects and arrays (never selectable) read as "". */
export function fieldValue(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (!isPlainObject(cur)) return "";
    cur = cur[part];
  }
  if (typeof cur === "string") return cur;
  if (typeof cur === "number" || typeof cur === "boolean" || typeof cur === "bigint") return String(cur);
  return "";
}

const at =
  (path: string, absent = ""): Extractor =>
  (obj) => {
    const v = fieldValue(obj, path);
    return v === "" ? absent : v;
  };

/** The first non-empty of several paths, for fields Kubernetes derives with a fallback. */
const firstOf =
  (...paths: string[]): Extractor =>
  (obj) => {
    for (const p of paths) {
      const v = fieldValue(obj, p);
      if (v !== "") return v;
    }
    return "";
  };

function firstPodIP(obj: KubeObject): string {
  const ip = fieldValue(obj, "status.podIP");
  if (ip !== "") return ip;
  const status = obj.status;
  if (isPlainObject(status) && Array.isArray(status.podIPs) && status.podIPs.length > 0) {
    return fieldValue(status.podIPs[0], "ip");
  }
  return "";
}

const COMMON: Readonly<Record<string, Extractor>> = {
  "metadata.name": at("metadata.name"),
  "metadata.namespace": at("metadata.namespace"),
};

const BY_PLURAL: Readonly<Record<string, Readonly<Record<string, Extractor>>>> = {
  pods: {
    "spec.nodeName": at("spec.nodeName"),
    "spec.restartPolicy": at("spec.restartPolicy"),
    "spec.schedulerName": at("spec.schedulerName"),
    "spec.serviceAccountName": at("spec.serviceAccountName"),
    "spec.hostNetwork": at("spec.hostNetwork", "false"),
    "status.phase": at("status.phase"),
    "status.podIP": firstPodIP,
    "status.nominatedNodeName": at("status.nominatedNodeName"),
  },
  events: {
    "involvedObject.kind": at("involvedObject.kind"),
    "involvedObject.namespace": at("involvedObject.namespace"),
    "involvedObject.name": at("involvedObject.name"),
    "involvedObject.uid": at("involvedObject.uid"),
    "involvedObject.apiVersion": at("involvedObject.apiVersion"),
    "involvedObject.resourceVersion": at("involvedObject.resourceVersion"),
    "involvedObject.fieldPath": at("involvedObject.fieldPath"),
    reason: at("reason"),
    reportingComponent: at("reportingComponent"),
    // events.k8s.io writers set only reportingController; core's selector falls back to it.
    source: firstOf("source.component", "reportingComponent"),
    type: at("type"),
  },
  secrets: { type: at("type") },
  nodes: { "spec.unschedulable": at("spec.unschedulable", "false") },
  namespaces: { "status.phase": at("status.phase") },
  replicasets: { "status.replicas": at("status.replicas", "0") },
};

function extractorFor(r: ResourceType, field: string): Extractor {
  const own = BY_PLURAL[r.plural];
  const fn = (Object.hasOwn(COMMON, field) ? COMMON[field] : undefined) ??
    (own !== undefined && Object.hasOwn(own, field) ? own[field] : undefined);
  if (fn === undefined) throw new StatusError(errors.badRequest(`field label not supported: ${field}`));
  return fn;
}

/** Splits on commas not escaped with a backslash (fields.splitTerms). */
function splitTerms(text: string): string[] {
  if (text === "") return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (escaped) escaped = false;
    else if (c === "\\") escaped = true;
    else if (c === ",") {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

function unescapeValue(s: string): string {
  let out = "";
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      if (c !== "\\" && c !== "," && c !== "=") {
        throw new StatusError(errors.badRequest(`invalid field selector: invalid escape sequence: \\${c}`));
      }
      out += c;
      escaped = false;
    } else if (c === "\\") {
      escaped = true;
    } else if (c === "," || c === "=") {
      throw new StatusError(errors.badRequest(`invalid field selector: unescaped character in value: ${c}`));
    } else {
      out += c;
    }
  }
  if (escaped) throw new StatusError(errors.badRequest("invalid field selector: invalid escape sequence: \\"));
  return out;
}

/** Parses `?fieldSelector=` for resource r; "" selects everything. Throws StatusError 400. */
export function parseFieldSelector(r: ResourceType, text: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  const tests: ((obj: KubeObject) => boolean)[] = [];
  for (const term of splitTerms(text).sort()) {
    if (term === "") continue;
    // The first operator wins, scanning left to right with "!=" before "==" before "=".
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(term);
    if (m === null) {
      throw new StatusError(errors.badRequest(`invalid selector: '${text}'; can't understand '${term}'`));
    }
    const [, field, op, rawValue] = m;
    const value = unescapeValue(rawValue);
    const extract = extractorFor(r, field);
    const operator = op === "!=" ? "!=" : "=";
    requirements.push({ field, operator, value });
    tests.push(operator === "=" ? (obj) => extract(obj) === value : (obj) => extract(obj) !== value);
  }
  const test =
    tests.length === 0
      ? () => true
      : tests.length === 1
        ? tests[0]
        : (obj: KubeObject) => {
            for (const t of tests) if (!t(obj)) return false;
            return true;
          };
  return { requirements, test };
}

export function matchesFields(sel: FieldSelector, obj: KubeObject): boolean {
  return sel.test(obj);
}

/**
 * The value a selector pins `field` to with `=`, if it does: lets a caller
 * answer `metadata.name=x` (kubectl's wait and rollout) by key, not by scan.
 */
export function exactFieldValue(sel: FieldSelector, field: string): string | undefined {
  return sel.requirements.find((r) => r.field === field && r.operator === "=")?.value;
}
