// Label selectors: the `?labelSelector=` string syntax and metav1.LabelSelector
// objects, parsed once into a closure so that watches can test every event
// against every watcher cheaply. Grammar, validation and error wording follow
// k8s.io/apimachinery/pkg/labels so that kubectl prints the same errors.
import { labelValueErrors, qualifiedNameErrors } from "./name-validation.ts";
import { StatusError, errors } from "./status.ts";

export { fieldValue, matchesFields, parseFieldSelector, exactFieldValue } from "./field-selectors.ts";
export type { FieldSelector, FieldRequirement } from "./field-selectors.ts";

/** Spelled as Kubernetes' selection.Operator, which is also how String() prints them. */
export type LabelOperator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Sorted and de-duplicated, as Kubernetes keeps them in a set. */
  values: string[];
}

export interface LabelSelector {
  /** Sorted by key, as labels.Parse and Selector.Add sort them. */
  readonly requirements: readonly LabelRequirement[];
  /** True only for the selector of a null metav1.LabelSelector, which selects nothing. */
  readonly nothing: boolean;
  readonly test: (labels: Record<string, string> | undefined) => boolean;
}

type Labels = Record<string, string> | undefined;

const badRequest = (message: string): StatusError => new StatusError(errors.badRequest(message));

// ---- validation (k8s.io/apimachinery/pkg/util/validation) ----


/** field.Invalid(...).Error(); a nil path prints as "<nil>", as Go does. */
function invalid(path: string, value: string | string[], detail: string): string {
  const shown = Array.isArray(value)
    ? value.length === 0
      ? "[]string(nil)"
      : `[]string{${value.map((v) => JSON.stringify(v)).join(", ")}}`
    : JSON.stringify(value);
  return `${path}: Invalid value: ${shown}: ${detail}`;
}

/** labels.NewRequirement: returns the aggregated validation error text, or undefined. */
function requirementErrors(key: string, op: LabelOperator, values: string[]): string | undefined {
  const errs: string[] = [];
  const keyErrs = qualifiedNameErrors(key);
  if (keyErrs.length) errs.push(invalid("key", key, keyErrs.join("; ")));
  switch (op) {
    case "in":
    case "notin":
      if (values.length === 0) errs.push(invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) errs.push(invalid("values", values, "exact-match compatibility requires one single value"));
      break;
    case "exists":
    case "!":
      if (values.length !== 0) errs.push(invalid("values", values, "values set must be empty for exists and does not exist"));
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) errs.push(invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v)) errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length) errs.push(invalid(`values[${i}][${key}]`, v, valueErrs.join("; ")));
  });
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
}

// ---- matching ----

function compileRequirement(r: LabelRequirement): (labels: Labels) => boolean {
  const { key } = r;
  switch (r.operator) {
    case "=":
    case "==": {
      const v = r.values[0];
      return (l) => l !== undefined && Object.hasOwn(l, key) && l[key] === v;
    }
    case "in": {
      const set = new Set(r.values);
      return (l) => l !== undefined && Object.hasOwn(l, key) && set.has(l[key]);
    }
    case "!=": {
      const v = r.values[0];
      return (l) => l === undefined || !Object.hasOwn(l, key) || l[key] !== v;
    }
    case "notin": {
      const set = new Set(r.values);
      return (l) => l === undefined || !Object.hasOwn(l, key) || !set.has(l[key]);
    }
    case "exists":
      return (l) => l !== undefined && Object.hasOwn(l, key);
    case "!":
      return (l) => l === undefined || !Object.hasOwn(l, key);
    case "gt":
    case "lt": {
      const bound = BigInt(r.values[0]);
      const greater = r.operator === "gt";
      return (l) => {
        if (l === undefined || !Object.hasOwn(l, key)) return false;
        const raw = l[key];
        if (!/^[+-]?\d+$/.test(raw)) return false;
        const n = BigInt(raw);
        return greater ? n > bound : n < bound;
      };
    }
  }
}

function build(requirements: LabelRequirement[]): LabelSelector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const tests = sorted.map(compileRequirement);
  const test =
    tests.length === 0
      ? () => true
      : tests.length === 1
        ? tests[0]
        : (l: Labels) => {
            for (const t of tests) if (!t(l)) return false;
            return true;
          };
  return { requirements: sorted, nothing: false, test };
}

function requirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const problem = requirementErrors(key, operator, values);
  if (problem !== undefined) throw badRequest(problem);
  return { key, operator, values: [...new Set(values)].sort() };
}

export const everything: LabelSelector = build([]);
export const nothing: LabelSelector = { requirements: [], nothing: true, test: () => false };

// ---- the string grammar (labels/selector.go's Lexer and Parser) ----

type Tok = "id" | "in" | "notin" | "=" | "==" | "!=" | "!" | "(" | ")" | "," | ">" | "<" | "eos" | "error";
interface Token {
  tok: Tok;
  lit: string;
}

const SYMBOLS: ReadonlyMap<string, Tok> = new Map<string, Tok>([
  [")", ")"],
  [",", ","],
  ["!", "!"],
  ["!=", "!="],
  ["==", "=="],
  ["=", "="],
  [">", ">"],
  ["<", "<"],
  ["(", "("],
]);
const isSpecial = (ch: string): boolean => "=!(),><".includes(ch);
const isSpace = (ch: string): boolean => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";

function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text[i])) i++;
    if (i >= text.length || text[i] === "\0") {
      out.push({ tok: "eos", lit: "" });
      return out;
    }
    if (isSpecial(text[i])) {
      // Longest run of symbols that still names an operator, as scanSpecialSymbol does.
      let buffer = "";
      let last: Token | undefined;
      while (i < text.length && isSpecial(text[i])) {
        const candidate = buffer + text[i];
        const tok = SYMBOLS.get(candidate);
        if (tok !== undefined) {
          last = { tok, lit: candidate };
        } else if (last !== undefined) {
          break;
        }
        buffer = candidate;
        i++;
      }
      out.push(last ?? { tok: "error", lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    const start = i;
    while (i < text.length && !isSpace(text[i]) && !isSpecial(text[i]) && text[i] !== "\0") i++;
    const word = text.slice(start, i);
    out.push({ tok: word === "in" ? "in" : word === "notin" ? "notin" : "id", lit: word });
  }
}

const BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  /** In "values" context the keywords `in`/`notin` are plain identifiers. */
  private peek(values: boolean): Token {
    const t = this.tokens[this.pos];
    return values && (t.tok === "in" || t.tok === "notin") ? { tok: "id", lit: t.lit } : t;
  }
  private next(values: boolean): Token {
    const t = this.peek(values);
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  parse(): LabelRequirement[] {
    const out: LabelRequirement[] = [];
    for (;;) {
      const t = this.peek(true);
      if (t.tok === "eos") return out;
      if (t.tok !== "id" && t.tok !== "!") {
        throw badRequest(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      }
      try {
        out.push(this.requirement());
      } catch (e) {
        if (e instanceof ParseProblem) throw badRequest(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const after = this.next(true);
      if (after.tok === "eos") return out;
      if (after.tok !== ",") throw badRequest(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.peek(true);
      if (following.tok !== "id" && following.tok !== "!") {
        throw badRequest(`found '${following.lit}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let t = this.next(true);
    let operator: LabelOperator | undefined;
    if (t.tok === "!") {
      operator = "!";
      t = this.next(true);
    }
    if (t.tok !== "id") throw new ParseProblem(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = qualifiedNameErrors(key);
    if (keyErrs.length) throw new ParseProblem(invalid("<nil>", key, keyErrs.join("; ")));
    const ahead = this.peek(true).tok;
    if (operator === undefined && (ahead === "eos" || ahead === ",")) operator = "exists";
    if (operator !== undefined) return this.make(key, operator, []);

    const opTok = this.next(false);
    const op = OPERATOR_OF.get(opTok.tok);
    if (op === undefined) throw new ParseProblem(`found '${opTok.lit}', expected: ${BINARY_OPERATORS}`);
    const values = op === "in" || op === "notin" ? this.valueSet() : this.exactValue();
    return this.make(key, op, values);
  }

  private make(key: string, op: LabelOperator, values: string[]): LabelRequirement {
    const problem = requirementErrors(key, op, values);
    if (problem !== undefined) throw new ParseProblem(problem);
    return { key, operator: op, values: [...new Set(values)].sort() };
  }

  private exactValue(): string[] {
    const ahead = this.peek(true);
    if (ahead.tok === "eos" || ahead.tok === ",") return [""];
    const t = this.next(true);
    if (t.tok === "id") return [t.lit];
    throw new ParseProblem(`found '${t.lit}', expected: identifier`);
  }

  private valueSet(): string[] {
    const open = this.next(true);
    if (open.tok !== "(") throw new ParseProblem(`found '${open.lit}' expected: '('`);
    const ahead = this.peek(true);
    if (ahead.tok === ")") {
      this.next(true);
      return [""];
    }
    if (ahead.tok !== "id" && ahead.tok !== ",") {
      throw new ParseProblem(`found '${ahead.lit}', expected: ',', ')' or identifier`);
    }
    const values = this.identifiers();
    if (this.next(true).tok !== ")") throw new ParseProblem(`found '${ahead.lit}', expected: ')'`);
    return values;
  }

  /** parseIdentifiersList, including its treatment of empty entries like "(,a)". */
  private identifiers(): string[] {
    const out: string[] = [];
    for (;;) {
      const t = this.next(true);
      if (t.tok === "id") {
        out.push(t.lit);
        const ahead = this.peek(true);
        if (ahead.tok === ",") continue;
        if (ahead.tok === ")") return out;
        throw new ParseProblem(`found '${ahead.lit}', expected: ',' or ')'`);
      }
      if (t.tok === ",") {
        if (out.length === 0) out.push("");
        const ahead = this.peek(true);
        if (ahead.tok === ")") {
          out.push("");
          return out;
        }
        if (ahead.tok === ",") {
          this.next(true);
          out.push("");
        }
        continue;
      }
      throw new ParseProblem(`found '${t.lit}', expected: ',', or identifier`);
    }
  }
}

class ParseProblem extends Error {}

const OPERATOR_OF: ReadonlyMap<Tok, LabelOperator> = new Map<Tok, LabelOperator>([
  ["in", "in"],
  ["notin", "notin"],
  ["=", "="],
  ["==", "=="],
  ["!=", "!="],
  [">", "gt"],
  ["<", "lt"],
]);

/** Parses `?labelSelector=`; "" selects everything. Throws StatusError 400 on bad syntax. */
export function parseLabelSelector(text: string): LabelSelector {
  return build(new Parser(lex(text)).parse());
}

// ---- metav1.LabelSelector ----

export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

const OBJECT_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

/**
 * metav1.LabelSelectorAsSelector: a null/undefined selector matches nothing
 * (a Deployment without a selector must not adopt every pod), while an empty
 * one ({}) matches everything. Throws StatusError 400 on invalid content.
 */
export function labelSelectorFromObject(sel: LabelSelectorObject | null | undefined): LabelSelector {
  if (sel === null || sel === undefined) return nothing;
  const reqs: LabelRequirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push(requirement(k, "=", [v]));
  for (const expr of sel.matchExpressions ?? []) {
    const op = Object.hasOwn(OBJECT_OPERATORS, expr.operator) ? OBJECT_OPERATORS[expr.operator] : undefined;
    if (op === undefined) throw badRequest(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    reqs.push(requirement(expr.key, op, [...(expr.values ?? [])]));
  }
  return build(reqs);
}

export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  return sel.test(labels);
}

/** Selector.String(): "app=web,tier in (a,b)"; "" for everything and nothing alike. */
export function labelSelectorToString(sel: LabelSelector): string {
  return sel.requirements
    .map((r) => {
      switch (r.operator) {
        case "exists":
          return r.key;
        case "!":
          return `!${r.key}`;
        case "in":
        case "notin":
          return `${r.key} ${r.operator} (${r.values.join(",")})`;
        case "gt":
          return `${r.key}>${r.values[0]}`;
        case "lt":
          return `${r.key}<${r.values[0]}`;
        default:
          return `${r.key}${r.operator}${r.values[0]}`;
      }
    })
    .join(",");
}
