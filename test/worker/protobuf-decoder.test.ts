import { describe, expect, it } from "vitest";
import { decodeKubernetesProtobuf, isProtobufContentType, ProtobufDecodeError } from "../../worker/api/protobuf/index.ts";

// A few lines of protobuf encoding, enough to build messages the decoder has to handle
// but kubectl never happened to send.
type Part = Uint8Array;
function varint(value: number | bigint): Part {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}
function concat(...parts: Part[]): Part {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
const tag = (field: number, wire: number) => varint((field << 3) | wire);
const num = (field: number, value: number | bigint) => concat(tag(field, 0), varint(value));
const bytes = (field: number, payload: Part) => concat(tag(field, 2), varint(payload.length), payload);
const str = (field: number, text: string) => bytes(field, new TextEncoder().encode(text));
const msg = (field: number, ...parts: Part[]) => bytes(field, concat(...parts));
const entry = (field: number, key: string, value: Part) => msg(field, str(1, key), value);
const MAGIC = Uint8Array.from([0x6b, 0x38, 0x73, 0x00]);
function envelope(apiVersion: string, kind: string, raw: Part, ...extra: Part[]): Part {
  return concat(MAGIC, msg(1, str(1, apiVersion), str(2, kind)), bytes(2, raw), ...extra);
}
const time = (field: number, seconds: number, nanos = 0) => msg(field, num(1, seconds), num(2, nanos));

describe("decodeKubernetesProtobuf", () => {
  it("converts ObjectMeta's timestamps, owner references and managed fields", () => {
    const fieldsV1 = JSON.stringify({ "f:data": { "f:a": {} } });
    const meta = msg(
      1,
      str(1, "cm"),
      str(3, "default"),
      str(5, "uid-1"),
      num(7, 3),
      time(8, 1_700_000_000),
      time(9, 1_700_000_060),
      num(10, 30),
      entry(11, "app", str(2, "")),
      msg(13, str(1, "ReplicaSet"), str(3, "rs"), str(4, "uid-0"), str(5, "apps/v1"), num(6, 1), num(7, 0)),
      str(14, "example.com/f"),
      msg(17, str(1, "kubectl"), str(2, "Apply"), str(3, "v1"), time(4, 1_700_000_000, 123_456_789), str(6, "FieldsV1"), msg(7, bytes(1, new TextEncoder().encode(fieldsV1)))),
    );
    expect(decodeKubernetesProtobuf(envelope("v1", "ConfigMap", meta))).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "cm",
        namespace: "default",
        uid: "uid-1",
        generation: 3,
        creationTimestamp: "2023-11-14T22:13:20Z",
        deletionTimestamp: "2023-11-14T22:14:20Z",
        deletionGracePeriodSeconds: 30,
        labels: { app: "" },
        ownerReferences: [{ kind: "ReplicaSet", name: "rs", uid: "uid-0", apiVersion: "apps/v1", controller: true, blockOwnerDeletion: false }],
        finalizers: ["example.com/f"],
        managedFields: [
          { manager: "kubectl", operation: "Apply", apiVersion: "v1", time: "2023-11-14T22:13:20Z", fieldsType: "FieldsV1", fieldsV1: { "f:data": { "f:a": {} } } },
        ],
      },
    });
  });

  it("writes MicroTime with microseconds, as Lease and Event times are", () => {
    const lease = concat(msg(1, str(1, "l")), msg(2, str(1, "holder"), num(2, 15), msg(3, num(1, 1_700_000_000), num(2, 5_000_000)), num(5, 0)));
    expect(decodeKubernetesProtobuf(envelope("coordination.k8s.io/v1", "Lease", lease))).toEqual({
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "l" },
      spec: { holderIdentity: "holder", leaseDurationSeconds: 15, acquireTime: "2023-11-14T22:13:20.005000Z", leaseTransitions: 0 },
    });
  });

  it("decodes bytes as base64, binaryData included, and values a map entry leaves out as zero", () => {
    const raw = concat(msg(1, str(1, "cm")), entry(3, "bin", bytes(2, Uint8Array.from([0, 255, 1]))), msg(2, str(1, "empty")));
    expect(decodeKubernetesProtobuf(envelope("v1", "ConfigMap", raw))).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm" },
      binaryData: { bin: "AP8B" },
      data: { empty: "" },
    });
  });

  it("reads packed repeated numbers, negative int64s and IntOrString strings", () => {
    // PodSpec 14 securityContext: 2 runAsUser, 4 supplementalGroups (packed here; Go writes it unpacked).
    const securityContext = msg(14, num(2, -1n), bytes(4, concat(varint(10), varint(20))));
    const raw = concat(msg(1, str(1, "p")), msg(2, securityContext));
    const pod = decodeKubernetesProtobuf(envelope("v1", "Pod", raw)) as { spec: { securityContext: Record<string, unknown> } };
    expect(pod.spec.securityContext).toEqual({ runAsUser: -1, supplementalGroups: [10, 20] });
  });

  it("skips fields it has no schema for, as protobuf readers must", () => {
    const raw = concat(msg(1, str(1, "ns"), str(999, "from the future")), num(1000, 7));
    expect(decodeKubernetesProtobuf(envelope("v1", "Namespace", raw))).toEqual({ apiVersion: "v1", kind: "Namespace", metadata: { name: "ns" } });
  });

  it("keeps a __proto__ map key as data", () => {
    const raw = concat(msg(1, str(1, "cm")), entry(2, "__proto__", str(2, "x")));
    const object = decodeKubernetesProtobuf(envelope("v1", "ConfigMap", raw)) as { data: Record<string, unknown> };
    expect(Object.getPrototypeOf(object.data)).toBe(Object.prototype);
    expect(Object.keys(object.data)).toEqual(["__proto__"]);
    expect(JSON.parse(JSON.stringify(object.data))).toEqual(JSON.parse('{"__proto__":"x"}'));
  });

  it("decodes DeleteOptions under any group version", () => {
    const raw = concat(num(1, 0), str(4, "Foreground"), str(5, "All"));
    expect(decodeKubernetesProtobuf(envelope("apps/v1", "DeleteOptions", raw))).toEqual({
      apiVersion: "apps/v1",
      kind: "DeleteOptions",
      gracePeriodSeconds: 0,
      propagationPolicy: "Foreground",
      dryRun: ["All"],
    });
  });

  describe("rejects", () => {
    const ok = envelope("v1", "Namespace", msg(1, str(1, "ns")));
    const cases: [string, Uint8Array, RegExp][] = [
      ["a body without the magic prefix", new TextEncoder().encode('{"kind":"Namespace"}'), /k8s\\0 prefix/],
      ["an empty body", new Uint8Array(0), /k8s\\0 prefix/],
      ["a truncated body", ok.subarray(0, ok.length - 2), /past the end|truncated/],
      ["an unknown kind", envelope("example.com/v1", "Widget", new Uint8Array(0)), /Widget in example.com\/v1 are not supported/],
      ["an envelope without a kind", concat(MAGIC, bytes(2, new Uint8Array(0))), /apiVersion and kind/],
      ["a compressed body", envelope("v1", "Namespace", new Uint8Array(0), str(3, "gzip")), /content encoding "gzip"/],
      ["a field with the wrong wire type", envelope("v1", "Namespace", num(1, 5)), /wire type 0, expected 2/],
      ["a runaway varint", concat(MAGIC, Uint8Array.from(Array(11).fill(0xff))), /varint/],
      ["invalid embedded JSON", envelope("apps/v1", "ControllerRevision", msg(2, str(1, "{nope"))), /not JSON/],
    ];
    for (const [what, body, message] of cases) {
      it(what, () => {
        expect(() => decodeKubernetesProtobuf(body)).toThrow(ProtobufDecodeError);
        expect(() => decodeKubernetesProtobuf(body)).toThrow(message);
      });
    }
  });

  it("recognises the protobuf content type", () => {
    expect(isProtobufContentType("application/vnd.kubernetes.protobuf")).toBe(true);
    expect(isProtobufContentType("application/vnd.kubernetes.protobuf; charset=utf-8")).toBe(true);
    expect(isProtobufContentType("application/vnd.kubernetes.protobuf;stream=watch")).toBe(true);
    expect(isProtobufContentType("application/json")).toBe(false);
    expect(isProtobufContentType(undefined)).toBe(false);
  });
});
