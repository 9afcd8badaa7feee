// Unknown fields are the keys of the input that the schema's "strip" parse
// dropped; comparing input and output finds them without a second schema walk.
import { fieldPath } from "./paths.ts";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function unknownFields(input: unknown, output: unknown, path: PropertyKey[] = []): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, i) => unknownFields(item, output[i], [...path, i]));
  }
  if (!isRecord(input) || !isRecord(output)) return [];
  const found: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (!Object.hasOwn(output, k)) found.push(fieldPath([...path, k]));
    else found.push(...unknownFields(v, output[k], [...path, k]));
  }
  return found;
}
