// The protobuf wire format, read from a byte range. Every read is bounds
// checked, because the bytes come straight from a client.
import { ProtobufDecodeError } from "./errors.ts";

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

export interface Tag {
  field: number;
  wireType: number;
}

export class WireReader {
  private pos: number;
  private readonly end: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    end = bytes.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  tag(): Tag {
    const key = this.varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field < 1 || field > 0x1fffffff) throw new ProtobufDecodeError(`invalid field number ${field}`);
    return { field, wireType };
  }

  /** Varints are up to 64 bits; a bigint keeps int64 and sign-extended int32 values exact. */
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const byte = this.byte();
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    throw new ProtobufDecodeError("varint longer than 10 bytes");
  }

  fixed32(): DataView {
    return this.view(4);
  }

  fixed64(): DataView {
    return this.view(8);
  }

  /** A length-delimited field's payload, without copying. */
  lengthDelimited(): Uint8Array {
    const length = this.varint();
    if (length > BigInt(this.end - this.pos)) throw new ProtobufDecodeError("length-delimited field runs past the end of its message");
    const start = this.pos;
    this.pos += Number(length);
    return this.bytes.subarray(start, this.pos);
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.view(8);
        return;
      case WIRE_LENGTH_DELIMITED:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.view(4);
        return;
      default:
        // Groups (3, 4) are proto1 relics that Kubernetes never emits.
        throw new ProtobufDecodeError(`unsupported wire type ${wireType}`);
    }
  }

  private byte(): number {
    if (this.pos >= this.end) throw new ProtobufDecodeError("message truncated");
    return this.bytes[this.pos++];
  }

  private view(size: number): DataView {
    if (this.end - this.pos < size) throw new ProtobufDecodeError("message truncated");
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, size);
    this.pos += size;
    return view;
  }
}
