// apimachinery types whose protobuf messages have JSON forms of their own:
// timestamps are strings, IntOrString is a bare number or string, a
// Quantity is its string, and raw extensions are embedded JSON.
import { ProtobufDecodeError } from "./errors.ts";
import { readScalar } from "./scalars.ts";
import { WIRE_LENGTH_DELIMITED, WIRE_VARINT, WireReader } from "./wire.ts";

/** Converts a message payload to JSON; undefined leaves the field out, as Go writes `null` for it. */
type WellKnown = (payload: Uint8Array) => unknown;

export const WELL_KNOWN: Readonly<Record<string, WellKnown>> = {
  Time: (payload) => timestamp(payload, false),
  MicroTime: (payload) => timestamp(payload, true),
  Quantity: quantity,
  IntOrString: intOrString,
  RawJSON: rawJSON,
  StringList: stringList,
};

type Fields = Map<number, unknown[]>;

/** The scalar fields of a small message, by number; fields not named in `types` are skipped. */
function scalarFields(payload: Uint8Array, types: Readonly<Record<number, string>>): Fields {
  const fields: Fields = new Map();
  const reader = new WireReader(payload);
  while (!reader.done()) {
    const { field, wireType } = reader.tag();
    const type = types[field];
    const expected = type === "string" || type === "bytes" ? WIRE_LENGTH_DELIMITED : WIRE_VARINT;
    if (type === undefined || wireType !== expected) {
      reader.skip(wireType);
      continue;
    }
    const value = type === "bytes" ? reader.lengthDelimited() : readScalar(reader, type);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

function last(fields: Fields, field: number): unknown {
  return fields.get(field)?.at(-1);
}

/** metav1.Time and MicroTime: {1 seconds, 2 nanos}, written in UTC as RFC 3339 (MicroTime with six fraction digits). */
function timestamp(payload: Uint8Array, micro: boolean): string | undefined {
  // A zero Go time marshals to no bytes at all, and to `null` in JSON.
  if (payload.length === 0) return undefined;
  const fields = scalarFields(payload, { 1: "int64", 2: "int32" });
  const seconds = Number(last(fields, 1) ?? 0);
  const nanos = Number(last(fields, 2) ?? 0);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999) {
    throw new ProtobufDecodeError(`timestamp ${seconds}s is out of range`);
  }
  const base = date.toISOString().slice(0, 19);
  if (!micro) return `${base}Z`;
  const micros = Math.floor(nanos / 1000);
  return `${base}.${String(micros).padStart(6, "0")}Z`;
}

/** resource.Quantity: {1 string}; the empty Quantity is "0", as Go prints it. */
function quantity(payload: Uint8Array): string {
  const value = last(scalarFields(payload, { 1: "string" }), 1);
  return typeof value === "string" && value !== "" ? value : "0";
}

/** intstr.IntOrString: {1 type (0 int, 1 string), 2 intVal, 3 strVal}. */
function intOrString(payload: Uint8Array): number | string {
  const fields = scalarFields(payload, { 1: "int64", 2: "int32", 3: "string" });
  const type = Number(last(fields, 1) ?? 0);
  if (type === 1) return String(last(fields, 3) ?? "");
  if (type === 0) return Number(last(fields, 2) ?? 0);
  throw new ProtobufDecodeError(`IntOrString has unknown type ${type}`);
}

/** runtime.RawExtension and metav1.FieldsV1: {1 raw} holding JSON text. */
function rawJSON(payload: Uint8Array): unknown {
  const raw = last(scalarFields(payload, { 1: "bytes" }), 1);
  if (!(raw instanceof Uint8Array) || raw.length === 0) return undefined;
  const text = new TextDecoder("utf-8").decode(raw);
  try {
    return JSON.parse(text);
  } catch {
    throw new ProtobufDecodeError("an embedded raw object is not JSON (embedded protobuf objects are not supported)");
  }
}

/** Go string-slice types (authentication's ExtraValue, …), which protobuf wraps as {1 repeated items}. */
function stringList(payload: Uint8Array): string[] {
  return (scalarFields(payload, { 1: "string" }).get(1) ?? []).map(String);
}
