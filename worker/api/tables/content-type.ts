// Content negotiation for Tables: kubectl's Accept lists the Table media types
// first and plain JSON last; the first one this server can produce wins.

export const TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

export interface MediaRange {
  type: string;
  params: Map<string, string>;
}

/** The Accept header's media ranges in the client's order, minus those refused with q=0. */
export function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(",")
    .map((part) => {
      const [type, ...rest] = part.split(";").map((s) => s.trim());
      const params = new Map<string, string>();
      for (const p of rest) {
        const eq = p.indexOf("=");
        if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1"));
      }
      return { type: type.toLowerCase(), params };
    })
    .filter((m) => m.type !== "" && m.params.get("q") !== "0");
}

const JSON_TYPES = new Set(["application/json", "application/*", "*/*"]);

/** True when the first media range this server can serve is a meta.k8s.io/v1 Table. */
export function wantsTable(accept: string | undefined | null): boolean {
  if (!accept) return false;
  for (const m of parseAccept(accept)) {
    if (!JSON_TYPES.has(m.type)) continue;
    const as = m.params.get("as");
    if (as === undefined) return false;
    if (as === "Table" && m.params.get("g") === "meta.k8s.io" && m.params.get("v") === "v1") return true;
    // Other transformations (v1beta1 Tables, PartialObjectMetadata) are not served; try the next range.
  }
  return false;
}
