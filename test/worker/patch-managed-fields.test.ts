import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../worker/apimachinery/object.ts";
import { recordUpdateManager } from "../../worker/patch/index.ts";

const T1 = "2025-01-01T00:00:00Z";
const T2 = "2025-01-02T00:00:00Z";

function pod(image = "nginx", labels: Record<string, string> = { app: "web" }): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "p",
      namespace: "default",
      uid: "u",
      resourceVersion: "1",
      creationTimestamp: T1,
      labels,
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" },
    },
    spec: { containers: [{ name: "main", image, resources: {} }], restartPolicy: "Always" },
    status: { phase: "Pending" },
  };
}

describe("recordUpdateManager", () => {
  it("records a create like kubectl-client-side-apply's entry", () => {
    const created = recordUpdateManager(undefined, pod(), { manager: "kubectl-client-side-apply", now: T1 });
    expect(created.metadata.managedFields).toEqual([
      {
        manager: "kubectl-client-side-apply",
        operation: "Update",
        apiVersion: "v1",
        time: T1,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": {
            "f:annotations": { ".": {}, "f:kubectl.kubernetes.io/last-applied-configuration": {} },
            "f:labels": { ".": {}, "f:app": {} },
          },
          "f:spec": {
            "f:containers": { 'k:{"name":"main"}': { ".": {}, "f:image": {}, "f:name": {}, "f:resources": {} } },
            "f:restartPolicy": {},
          },
        },
      },
    ]);
    // The main resource does not own status where a status subresource exists.
    expect(JSON.stringify(created.metadata.managedFields)).not.toContain("f:status");
  });

  it("gives changed fields to the updater and takes them from others", () => {
    const created = recordUpdateManager(undefined, pod(), { manager: "a", now: T1 });
    const updated = recordUpdateManager(created, pod("nginx:2", { app: "web", x: "y" }), { manager: "b", now: T2 });
    const [a, b] = updated.metadata.managedFields ?? [];
    expect(b).toMatchObject({ manager: "b", operation: "Update", time: T2 });
    expect(b.fieldsV1).toEqual({
      "f:metadata": { "f:labels": { "f:x": {} } },
      "f:spec": { "f:containers": { 'k:{"name":"main"}': { "f:image": {} } } },
    });
    expect(JSON.stringify(a.fieldsV1)).not.toContain("f:image");
    expect(a.time).toBe(T1);
  });

  it("removes deleted fields from every manager and drops empty entries", () => {
    const created = recordUpdateManager(undefined, pod("nginx", { app: "web", x: "y" }), { manager: "a", now: T1 });
    const withB = recordUpdateManager(created, pod("nginx", { app: "web", x: "y", z: "1" }), { manager: "b", now: T2 });
    const out = recordUpdateManager(withB, pod("nginx", { app: "web" }), { manager: "c", now: T2 });
    expect(out.metadata.managedFields?.map((e) => e.manager)).toEqual(["a"]);
    expect(JSON.stringify(out.metadata.managedFields)).not.toContain("f:x");
  });

  it("leaves entries alone when nothing changed", () => {
    const created = recordUpdateManager(undefined, pod(), { manager: "a", now: T1 });
    const again = recordUpdateManager(created, { ...pod(), metadata: { ...pod().metadata, resourceVersion: "2" } }, { manager: "b", now: T2 });
    expect(again.metadata.managedFields).toEqual(created.metadata.managedFields);
  });

  it("restores managedFields a client dropped, and honours ones it sent", () => {
    const created = recordUpdateManager(undefined, pod(), { manager: "a", now: T1 });
    const dropped = recordUpdateManager(created, pod(), { manager: "b", now: T2 });
    expect(dropped.metadata.managedFields).toEqual(created.metadata.managedFields);
    const sent = pod();
    sent.metadata.managedFields = [{ manager: "z", operation: "Update", apiVersion: "v1", time: T1, fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:restartPolicy": {} } } }];
    const kept = recordUpdateManager(created, sent, { manager: "b", now: T2 });
    expect(kept.metadata.managedFields?.map((e) => e.manager)).toEqual(["z"]);
  });

  it("records status writes under the status subresource", () => {
    const created = recordUpdateManager(undefined, pod(), { manager: "a", now: T1 });
    const running = { ...created, status: { phase: "Running", podIP: "10.0.0.2" } };
    const out = recordUpdateManager(created, running, { manager: "kubelet", now: T2, subresource: "status" });
    const kubelet = out.metadata.managedFields?.find((e) => e.manager === "kubelet");
    expect(kubelet).toMatchObject({ operation: "Update", subresource: "status", time: T2 });
    expect(kubelet?.fieldsV1).toEqual({ "f:status": { "f:phase": {}, "f:podIP": {} } });
  });

  it("tracks keyed-list items: a new container is owned whole, a removed one leaves", () => {
    const created = recordUpdateManager(undefined, pod(), { manager: "a", now: T1 });
    const two = structuredClone(created);
    (two.spec as { containers: unknown[] }).containers.push({ name: "side", image: "busybox" });
    const out = recordUpdateManager(created, two, { manager: "b", now: T2 });
    expect(out.metadata.managedFields?.[1].fieldsV1).toEqual({
      "f:spec": { "f:containers": { 'k:{"name":"side"}': { ".": {}, "f:image": {}, "f:name": {} } } },
    });
    const back = recordUpdateManager(out, created, { manager: "c", now: T2 });
    expect(back.metadata.managedFields?.map((e) => e.manager)).toEqual(["a"]);
  });
});
