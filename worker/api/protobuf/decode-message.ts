// Schema-driven decoding: walks a message's wire fields, looks each up in the
// generated tables, and builds the object Go's encoding/json would have
// written for the same Go struct.
import { ProtobufDecodeError } from "./errors.ts";
import { isZeroScalar, readScalar, scalarWireType, zeroScalar } from "./scalars.ts";
import { MESSAGES } from "./schema/messages.ts";
import type { FieldSpec } from "./schema/types.ts";
import { WELL_KNOWN } from "./well-known.ts";
import { WIRE_LENGTH_DELIMITED, WireReader } from "./wire.ts";

/** As deep as body.ts lets a JSON body nest; also what keeps recursion off the stack's edge. */
const MAX_DEPTH = 100;

type JsonObject = Record<string, unknown>;

export function decodeMessage(payload: Uint8Array, typeName: string, depth = 1): JsonObject {
  const schema = MESSAGES[typeName];
  if (!schema) throw new ProtobufDecodeError(`no schema for message ${typeName}`);
  if (depth > MAX_DEPTH) throw new ProtobufDecodeError(`the object is nested deeper than ${MAX_DEPTH} levels`);
  const object: JsonObject = {};
  const reader = new WireReader(payload);
  while (!reader.done()) {
    const { field, wireType } = reader.tag();
    const spec = schema[field];
    // Unknown fields come from newer clients; protobuf's rule is to skip them.
    if (!spec) {
      reader.skip(wireType);
      continue;
    }
    decodeField(reader, wireType, spec, object, typeName, depth);
  }
  return object;
}

function decodeField(reader: WireReader, wireType: number, spec: FieldSpec, object: JsonObject, typeName: string, depth: number): void {
  const [name, type, flags = ""] = spec;
  const where = `${typeName}.${name || type}`;
  const scalarWire = scalarWireType(type);

  if (flags === "r" && scalarWire !== undefined && scalarWire !== WIRE_LENGTH_DELIMITED && wireType === WIRE_LENGTH_DELIMITED) {
    // Packed repeated numbers: one length-delimited run of values.
    const packed = new WireReader(reader.lengthDelimited());
    const list = arrayAt(object, name, where);
    while (!packed.done()) list.push(readScalar(packed, type));
    return;
  }
  const expectedWire = scalarWire ?? WIRE_LENGTH_DELIMITED;
  if (wireType !== expectedWire) throw new ProtobufDecodeError(`${where} has wire type ${wireType}, expected ${expectedWire}`);

  switch (flags) {
    case "r":
      arrayAt(object, name, where).push(scalarWire === undefined ? decodeValue(reader.lengthDelimited(), type, depth) : readScalar(reader, type));
      return;
    case "m": {
      const [key, value] = mapEntry(reader.lengthDelimited(), type, where, depth);
      // defineProperty, so that a `__proto__` key stays data instead of replacing the prototype.
      Object.defineProperty(mapAt(object, name, where), key, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    case "i": {
      const inner = decodeMessage(reader.lengthDelimited(), type, depth + 1);
      Object.assign(object, inner);
      return;
    }
    default: {
      if (scalarWire !== undefined) {
        const value = readScalar(reader, type);
        // Go's omitempty drops zero values of non-pointer fields; `k` marks those JSON keeps.
        if (flags === "k" || !isZeroScalar(value)) object[name] = value;
        else delete object[name];
        return;
      }
      const value = decodeValue(reader.lengthDelimited(), type, depth);
      if (value === undefined) delete object[name];
      else object[name] = value;
    }
  }
}

/** A message-typed value: a well-known type's own JSON form, or a nested object. */
function decodeValue(payload: Uint8Array, type: string, depth: number): unknown {
  const wellKnown = WELL_KNOWN[type];
  return wellKnown ? wellKnown(payload) : decodeMessage(payload, type, depth + 1);
}

/** A map entry message: {1 key (string), 2 value}; a missing value is the type's zero value. */
function mapEntry(payload: Uint8Array, valueType: string, where: string, depth: number): [string, unknown] {
  const reader = new WireReader(payload);
  const valueWire = scalarWireType(valueType) ?? WIRE_LENGTH_DELIMITED;
  let key = "";
  let value: unknown;
  while (!reader.done()) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WIRE_LENGTH_DELIMITED) {
      key = String(readScalar(reader, "string"));
    } else if (field === 2 && wireType === valueWire) {
      value = scalarWireType(valueType) === undefined ? decodeValue(reader.lengthDelimited(), valueType, depth) : readScalar(reader, valueType);
    } else if (field === 1 || field === 2) {
      throw new ProtobufDecodeError(`${where} has a map entry with wire type ${wireType} for field ${field}`);
    } else {
      reader.skip(wireType);
    }
  }
  if (value === undefined) value = scalarWireType(valueType) === undefined ? decodeValue(new Uint8Array(0), valueType, depth) : zeroScalar(valueType);
  return [key, value ?? null];
}

function arrayAt(object: JsonObject, name: string, where: string): unknown[] {
  const existing = object[name];
  if (existing === undefined) {
    const list: unknown[] = [];
    object[name] = list;
    return list;
  }
  if (!Array.isArray(existing)) throw new ProtobufDecodeError(`${where} is both a list and not a list`);
  return existing;
}

function mapAt(object: JsonObject, name: string, where: string): JsonObject {
  const existing = object[name];
  if (existing === undefined) {
    const map: JsonObject = {};
    object[name] = map;
    return map;
  }
  if (typeof existing !== "object" || existing === null || Array.isArray(existing)) throw new ProtobufDecodeError(`${where} is both a map and not a map`);
  return existing as JsonObject;
}
