// Protobuf scalar types to their JSON values, as Go's encoding/json would
// write the Go fields they were generated from.
import { ProtobufDecodeError } from "./errors.ts";
import { WIRE_FIXED32, WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WIRE_VARINT, type WireReader } from "./wire.ts";

export type ScalarValue = string | number | boolean;

const WIRE_TYPES: Readonly<Record<string, number>> = {
  int32: WIRE_VARINT,
  int64: WIRE_VARINT,
  uint32: WIRE_VARINT,
  uint64: WIRE_VARINT,
  sint32: WIRE_VARINT,
  sint64: WIRE_VARINT,
  bool: WIRE_VARINT,
  fixed64: WIRE_FIXED64,
  sfixed64: WIRE_FIXED64,
  double: WIRE_FIXED64,
  fixed32: WIRE_FIXED32,
  sfixed32: WIRE_FIXED32,
  float: WIRE_FIXED32,
  string: WIRE_LENGTH_DELIMITED,
  bytes: WIRE_LENGTH_DELIMITED,
};

/** The wire type a scalar is written with; undefined for message types. */
export function scalarWireType(type: string): number | undefined {
  return WIRE_TYPES[type];
}

// Go's encoding/json replaces invalid UTF-8 with U+FFFD rather than failing, and so does a non-fatal decoder.
const utf8 = new TextDecoder("utf-8");

export function readScalar(reader: WireReader, type: string): ScalarValue {
  switch (type) {
    case "string":
      return utf8.decode(reader.lengthDelimited());
    case "bytes":
      return base64(reader.lengthDelimited());
    case "bool":
      return reader.varint() !== 0n;
    case "int32":
      return Number(BigInt.asIntN(32, reader.varint()));
    case "uint32":
      return Number(BigInt.asUintN(32, reader.varint()));
    case "int64":
      return Number(BigInt.asIntN(64, reader.varint()));
    case "uint64":
      return Number(reader.varint());
    case "sint32":
    case "sint64":
      return Number(zigzag(reader.varint()));
    case "fixed32":
      return reader.fixed32().getUint32(0, true);
    case "sfixed32":
      return reader.fixed32().getInt32(0, true);
    case "float":
      return reader.fixed32().getFloat32(0, true);
    case "fixed64":
      return Number(reader.fixed64().getBigUint64(0, true));
    case "sfixed64":
      return Number(reader.fixed64().getBigInt64(0, true));
    case "double":
      return reader.fixed64().getFloat64(0, true);
    default:
      throw new ProtobufDecodeError(`unknown scalar type ${type}`);
  }
}

/** The value a field holds when the wire omits it, as in a map entry without a value. */
export function zeroScalar(type: string): ScalarValue {
  if (type === "string" || type === "bytes") return "";
  if (type === "bool") return false;
  return 0;
}

export function isZeroScalar(value: ScalarValue): boolean {
  return value === "" || value === 0 || value === false;
}

function zigzag(value: bigint): bigint {
  return (value >> 1n) ^ -(value & 1n);
}

/** Go's encoding/json writes []byte as standard, padded base64. */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
