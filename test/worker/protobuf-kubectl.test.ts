import { describe, expect, it } from "vitest";
import { decodeKubernetesProtobuf } from "../../worker/api/protobuf/index.ts";
import { KUBECTL_BODIES } from "./fixtures/protobuf/kubectl-bodies.ts";

function bytesOf(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

describe("protobuf bodies kubectl sends", () => {
  for (const [name, body] of Object.entries(KUBECTL_BODIES)) {
    it(`decodes ${name} (${body.command}) to the JSON kubectl would send`, () => {
      expect(decodeKubernetesProtobuf(bytesOf(body.protobuf))).toEqual(body.json);
    });
  }

  it("keeps the zero values of pointer fields and drops those of omitempty ones", () => {
    const pod = decodeKubernetesProtobuf(bytesOf(KUBECTL_BODIES.richdebug.protobuf)) as {
      spec: {
        terminationGracePeriodSeconds: number;
        securityContext: Record<string, unknown>;
        tolerations: Record<string, unknown>[];
        containers: { env: Record<string, unknown>[]; securityContext: Record<string, unknown> }[];
      };
    };
    expect(pod.spec.terminationGracePeriodSeconds).toBe(0);
    expect(pod.spec.securityContext).toMatchObject({ runAsUser: 0, runAsGroup: 0, runAsNonRoot: false });
    expect(pod.spec.tolerations[0].tolerationSeconds).toBe(0);
    expect(pod.spec.containers[0].securityContext).toMatchObject({ privileged: false, allowPrivilegeEscalation: false });
    // EnvVar.value is `omitempty`: an empty value is absent in JSON too.
    expect(pod.spec.containers[0].env[1]).toEqual({ name: "EMPTY" });
  });

  it("flattens embedded structs as Go's JSON does", () => {
    const pod = decodeKubernetesProtobuf(bytesOf(KUBECTL_BODIES.richdebug.protobuf)) as {
      spec: { volumes: Record<string, unknown>[]; containers: { livenessProbe: Record<string, unknown>; env: Record<string, unknown>[] }[] };
    };
    // Volume embeds VolumeSource, Probe embeds ProbeHandler, SecretKeySelector embeds LocalObjectReference.
    expect(pod.spec.volumes[0]).toEqual({ name: "data", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } });
    expect(pod.spec.containers[0].livenessProbe.httpGet).toMatchObject({ path: "/healthz", port: "http" });
    expect(pod.spec.containers[0].env[4]).toEqual({ name: "SECRET", valueFrom: { secretKeyRef: { name: "s", key: "k", optional: false } } });
  });
});
