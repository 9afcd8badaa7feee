// Reading request bodies defensively: a size cap enforced while streaming,
// JSON or YAML by Content-Type, and limits on nesting and YAML aliases so a
// hostile body costs a 4xx, not the isolate's memory.
import { parseAllDocuments } from "yaml";
import { StatusError, errors } from "../apimachinery/status.ts";
import { ProtobufDecodeError, decodeKubernetesProtobuf, isProtobufContentType } from "./protobuf/index.ts";

/** Kubernetes' limit on request bodies. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** etcd's default request limit, which bounds each stored object. */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;
const MAX_DEPTH = 100;
const MAX_YAML_ALIASES = 100;
const MAX_DOCUMENTS = 1000;

export type BodyFormat = "json" | "yaml" | "protobuf";

export async function readBodyText(request: Request): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request));
}

export async function readBodyBytes(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new StatusError(errors.tooLarge(tooLargeMessage()));
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new StatusError(errors.tooLarge(tooLargeMessage()));
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** kubectl's typed commands send Kubernetes protobuf; it becomes the object its JSON form would be. */
export function parseProtobuf(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  try {
    const value = decodeKubernetesProtobuf(bytes);
    assertDepth(value);
    return value;
  } catch (error) {
    if (error instanceof ProtobufDecodeError) {
      throw new StatusError(errors.badRequest(`the request body is not valid Kubernetes protobuf: ${error.message}`));
    }
    throw error;
  }
}

function tooLargeMessage(): string {
  return `Request entity too large: limit is ${MAX_BODY_BYTES}`;
}

/** One document, JSON or YAML. An empty body is undefined. */
export function parseDocument(text: string, format: Exclude<BodyFormat, "protobuf">): unknown {
  if (text.trim() === "") return undefined;
  const docs = format === "json" ? [parseJson(text)] : parseYamlDocuments(text);
  if (docs.length !== 1) throw new StatusError(errors.badRequest(`expected one document in the request body, got ${docs.length}`));
  return docs[0];
}

/** Every document of a multi-document body; a JSON `List` contributes its items. */
export function parseDocuments(text: string, format: Exclude<BodyFormat, "protobuf">): unknown[] {
  const docs = format === "json" ? [parseJson(text)] : parseYamlDocuments(text);
  return docs.flatMap((doc) => (isList(doc) ? doc.items : [doc]));
}

function isList(doc: unknown): doc is { items: unknown[] } {
  if (typeof doc !== "object" || doc === null) return false;
  const { kind, items } = doc as { kind?: unknown; items?: unknown };
  return typeof kind === "string" && kind.endsWith("List") && Array.isArray(items);
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StatusError(errors.badRequest(`the request body is not valid JSON: ${(error as Error).message}`));
  }
  assertDepth(value);
  return value;
}

function parseYamlDocuments(text: string): unknown[] {
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    throw new StatusError(errors.badRequest(`the request body is not valid YAML: ${(error as Error).message}`));
  }
  if (!Array.isArray(docs)) docs = [docs];
  if (docs.length > MAX_DOCUMENTS) throw new StatusError(errors.tooLarge(`more than ${MAX_DOCUMENTS} documents`));
  const values: unknown[] = [];
  for (const [index, doc] of docs.entries()) {
    const problem = doc.errors[0];
    if (problem) {
      throw new StatusError(errors.badRequest(`the request body is not valid YAML (document ${index + 1}): ${problem.message}`));
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      throw new StatusError(errors.badRequest(`the request body is not valid YAML (document ${index + 1}): ${(error as Error).message}`));
    }
    if (value === null || value === undefined) continue; // `---` separators with nothing between
    assertDepth(value);
    values.push(value);
  }
  return values;
}

/** Iterative, so that the check itself cannot overflow the stack. */
function assertDepth(root: unknown): void {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth > MAX_DEPTH) throw new StatusError(errors.badRequest(`the request body is nested deeper than ${MAX_DEPTH} levels`));
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
}

export function assertObjectSize(value: unknown): void {
  if (JSON.stringify(value ?? null).length > MAX_OBJECT_BYTES) {
    throw new StatusError(errors.tooLarge(`the object is larger than ${MAX_OBJECT_BYTES} bytes`));
  }
}

/** The body format a Content-Type names; undefined for formats we do not speak. */
export function bodyFormat(contentType: string | undefined): BodyFormat | undefined {
  const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (media === "" || media === "application/json" || media === "*/*") return "json";
  if (media === "application/yaml" || media === "application/x-yaml" || media === "text/yaml") return "yaml";
  if (isProtobufContentType(media)) return "protobuf";
  return undefined;
}

/** A request body in whichever format its Content-Type names. */
export async function parseBody(request: Request, format: BodyFormat): Promise<unknown> {
  if (format === "protobuf") return parseProtobuf(await readBodyBytes(request));
  return parseDocument(await readBodyText(request), format);
}
