// Kubernetes resource quantities ("100m", "1.5Gi", "2e3") as plain numbers in
// base units (cores, bytes). Doubles are exact enough for scheduling sums; the
// helpers round the way resource.Quantity's MilliValue/Value do (up).

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

export const QUANTITY_REGEX_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value in base units, or undefined when `q` is not a valid quantity. */
export function tryParseQuantity(q: string | number): number | undefined {
  if (typeof q === "number") return Number.isFinite(q) ? q : undefined;
  const m = QUANTITY.exec(q.trim() === q ? q : "");
  if (!m) return undefined;
  const [, num, suffix] = m;
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(num)) return undefined;
  const base = Number(num);
  let factor: number | undefined;
  if (suffix in BINARY) factor = BINARY[suffix];
  else if (suffix in DECIMAL) factor = DECIMAL[suffix];
  else if (/^[eE][-+]?[0-9]+$/.test(suffix)) factor = 10 ** Number(suffix.slice(1));
  if (factor === undefined || !Number.isFinite(base)) return undefined;
  return base * factor;
}

export function isValidQuantity(q: string | number): boolean {
  return tryParseQuantity(q) !== undefined;
}

/** The value in base units; throws on a malformed quantity. */
export function parseQuantity(q: string | number): number {
  const v = tryParseQuantity(q);
  if (v === undefined) throw new Error(`invalid quantity ${JSON.stringify(q)}: ${QUANTITY_REGEX_MESSAGE}`);
  return v;
}

// Rounding a product like 0.1 * 1000 must not turn 100 into 101.
function ceilExact(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) < 1e-9 * Math.max(1, Math.abs(v)) ? r : Math.ceil(v);
}

/** CPU in millicores ("250m" -> 250, "2" -> 2000). */
export function millicores(q: string | number): number {
  return ceilExact(parseQuantity(q) * 1000);
}

/** Memory or storage in bytes ("128Mi" -> 134217728). */
export function bytes(q: string | number): number {
  return ceilExact(parseQuantity(q));
}

/** Value of a quantity in thousandths of its unit, for any resource. */
export function milliValue(q: string | number): number {
  return millicores(q);
}

export function formatMillicores(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** Bytes in the largest binary suffix that divides evenly ("134217728" -> "128Mi"). */
export function formatBytes(b: number): string {
  for (const suffix of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
    const unit = BINARY[suffix];
    if (b !== 0 && b % unit === 0) return `${b / unit}${suffix}`;
  }
  return String(b);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: string | number, b: string | number): number {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  const tolerance = 1e-12 * Math.max(Math.abs(x), Math.abs(y), 1);
  return Math.abs(x - y) <= tolerance ? 0 : x < y ? -1 : 1;
}
