// Kubernetes' protobuf request bodies (`application/vnd.kubernetes.protobuf`),
// which kubectl's typed commands send, turned into the JSON object the same
// request would have carried as JSON.
import { decodeMessage } from "./decode-message.ts";
import { ProtobufDecodeError } from "./errors.ts";
import { KINDS, META_KINDS } from "./schema/kinds.ts";
import { WIRE_LENGTH_DELIMITED, WireReader } from "./wire.ts";

export { ProtobufDecodeError } from "./errors.ts";

export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

/** Whether a Content-Type names Kubernetes protobuf (parameters ignored). */
export function isProtobufContentType(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0].trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}

/** `k8s\0`: every Kubernetes protobuf object starts with it. */
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/**
 * Decodes one object: the magic prefix, then a runtime.Unknown envelope
 * {1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType}
 * whose raw bytes are the kind's own message. Throws ProtobufDecodeError for
 * malformed bytes and for kinds without a schema.
 */
export function decodeKubernetesProtobuf(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.length < MAGIC.length || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw new ProtobufDecodeError("the body is not Kubernetes protobuf: it lacks the k8s\\0 prefix");
  }
  const envelope = readEnvelope(bytes.subarray(MAGIC.length));
  if (envelope.contentEncoding !== "") {
    throw new ProtobufDecodeError(`content encoding ${JSON.stringify(envelope.contentEncoding)} is not supported`);
  }
  if (envelope.contentType !== "" && envelope.contentType !== PROTOBUF_MEDIA_TYPE) {
    throw new ProtobufDecodeError(`raw content type ${JSON.stringify(envelope.contentType)} is not supported`);
  }
  if (envelope.apiVersion === "" || envelope.kind === "") {
    throw new ProtobufDecodeError("the protobuf envelope does not name the object's apiVersion and kind");
  }
  const typeName = KINDS[`${envelope.apiVersion}/${envelope.kind}`] ?? META_KINDS[envelope.kind];
  if (!typeName) throw new ProtobufDecodeError(`protobuf bodies of kind ${envelope.kind} in ${envelope.apiVersion} are not supported; send JSON`);
  const object = decodeMessage(envelope.raw, typeName);
  return { apiVersion: envelope.apiVersion, kind: envelope.kind, ...object };
}

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

function readEnvelope(bytes: Uint8Array): Envelope {
  const envelope: Envelope = { apiVersion: "", kind: "", raw: new Uint8Array(0), contentEncoding: "", contentType: "" };
  const reader = new WireReader(bytes);
  while (!reader.done()) {
    const { field, wireType } = reader.tag();
    if (field > 4) {
      reader.skip(wireType);
      continue;
    }
    if (wireType !== WIRE_LENGTH_DELIMITED) throw new ProtobufDecodeError(`the protobuf envelope's field ${field} has wire type ${wireType}`);
    const payload = reader.lengthDelimited();
    if (field === 1) Object.assign(envelope, readTypeMeta(payload));
    else if (field === 2) envelope.raw = payload;
    else if (field === 3) envelope.contentEncoding = new TextDecoder().decode(payload);
    else envelope.contentType = new TextDecoder().decode(payload);
  }
  return envelope;
}

function readTypeMeta(bytes: Uint8Array): { apiVersion: string; kind: string } {
  const typeMeta = { apiVersion: "", kind: "" };
  const reader = new WireReader(bytes);
  while (!reader.done()) {
    const { field, wireType } = reader.tag();
    if ((field === 1 || field === 2) && wireType === WIRE_LENGTH_DELIMITED) {
      const text = new TextDecoder().decode(reader.lengthDelimited());
      if (field === 1) typeMeta.apiVersion = text;
      else typeMeta.kind = text;
    } else {
      reader.skip(wireType);
    }
  }
  return typeMeta;
}
