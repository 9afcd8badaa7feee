/** A body that is not a Kubernetes protobuf object we can read: a client error, never a server fault. */
export class ProtobufDecodeError extends Error {
  override readonly name = "ProtobufDecodeError";
}
