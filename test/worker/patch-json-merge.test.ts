import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../worker/apimachinery/object.ts";
import type { Status } from "../../worker/apimachinery/status.ts";
import { StatusError } from "../../worker/apimachinery/status.ts";
import { applyPatch } from "../../worker/patch/index.ts";

/** A patched object read loosely for assertions: any path may be followed. */
interface Loose {
  readonly [key: string]: Loose;
}
const loose = (value: unknown): Loose => value as Loose;
const names = (list: unknown, key = "name"): unknown[] => (list as Record<string, unknown>[]).map((item) => item[key]);

function deployment(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", annotations: { "deployment.kubernetes.io/revision": "2" } },
    spec: {
      replicas: 2,
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "main", image: "nginx:1.26" }, { name: "b" }] } },
    },
  };
}

function statusOf(fn: () => unknown): Status {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err.status;
    throw err;
  }
  throw new Error("did not throw");
}

describe("JSON merge patch (RFC 7386)", () => {
  it("merges maps, deletes nulls and replaces lists", () => {
    const live = deployment();
    const out = loose(applyPatch("merge", live, {
      metadata: { annotations: { "deployment.kubernetes.io/revision": null, x: "y" } },
      spec: { replicas: 3, template: { spec: { containers: [{ name: "main", image: "nginx:1.27" }] } } },
    }));
    expect(out.metadata.annotations).toEqual({ x: "y" });
    expect(out.spec.replicas).toBe(3);
    expect(out.spec.template.spec.containers).toEqual([{ name: "main", image: "nginx:1.27" }]);
    expect(out.spec.template.metadata).toEqual({ labels: { app: "web" } });
    expect(loose(live.spec).replicas).toBe(2);
  });

  it("handles kubectl scale's body", () => {
    expect(loose(applyPatch("merge", deployment(), { spec: { replicas: 5 } })).spec.replicas).toBe(5);
  });

  it("rejects a non-object patch", () => {
    expect(statusOf(() => applyPatch("merge", deployment(), [1])).code).toBe(400);
  });
});

describe("JSON patch (RFC 6902)", () => {
  it("applies kubectl rollout undo's replace of template and annotations", () => {
    const live = deployment();
    const template = { metadata: { creationTimestamp: null, labels: { app: "web" } }, spec: { containers: [{ name: "main", image: "nginx:1.25", resources: {} }] } };
    const out = loose(applyPatch("json", live, [
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: { "deployment.kubernetes.io/revision": "1" } },
    ]));
    expect(out.spec.template).toEqual(template);
    expect(out.metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "1" });
    expect(loose(live.spec).template.spec.containers[0].image).toBe("nginx:1.26");
  });

  it("supports add, remove, move, copy and test", () => {
    const out = loose(applyPatch("json", deployment(), [
      { op: "test", path: "/spec/replicas", value: 2 },
      { op: "add", path: "/metadata/labels", value: { a: "b" } },
      { op: "add", path: "/spec/template/spec/containers/-", value: { name: "c" } },
      { op: "remove", path: "/spec/template/spec/containers/1" },
      { op: "copy", from: "/metadata/labels", path: "/spec/template/metadata/labels" },
      { op: "move", from: "/spec/replicas", path: "/spec/paused" },
    ]));
    expect(out.metadata.labels).toEqual({ a: "b" });
    expect(names(out.spec.template.spec.containers)).toEqual(["main", "c"]);
    expect(out.spec.template.metadata.labels).toEqual({ a: "b" });
    expect(out.spec.paused).toBe(2);
    expect(out.spec.replicas).toBeUndefined();
  });

  it("reports a failed test op as 400, naming the operation", () => {
    const s = statusOf(() => applyPatch("json", deployment(), [{ op: "test", path: "/spec/replicas", value: 9 }]));
    expect(s.code).toBe(400);
    expect(s.message).toContain("operation 0 (test /spec/replicas)");
  });

  it("reports a missing path as 422 Invalid, naming the operation", () => {
    const live = deployment();
    const s = statusOf(() =>
      applyPatch("json", live, [
        { op: "add", path: "/metadata/labels", value: {} },
        { op: "replace", path: "/spec/nope", value: 1 },
      ]),
    );
    expect(s.code).toBe(422);
    expect(s.reason).toBe("Invalid");
    expect(s.message).toContain("operation 1 (replace /spec/nope)");
    expect(live.metadata.labels).toBeUndefined();
    expect(statusOf(() => applyPatch("json", live, [{ op: "remove", path: "/spec/x" }])).code).toBe(422);
    expect(statusOf(() => applyPatch("json", live, [{ op: "add", path: "/a/b/c", value: 1 }])).code).toBe(422);
  });

  it("rejects malformed patches with 400", () => {
    const live = deployment();
    expect(statusOf(() => applyPatch("json", live, { op: "add" })).code).toBe(400);
    const badOp = statusOf(() => applyPatch("json", live, [{ op: "frobnicate", path: "/a" }]));
    expect(badOp.code).toBe(400);
    expect(badOp.message).toContain("frobnicate");
    expect(statusOf(() => applyPatch("json", live, [{ op: "add", path: "/a" }])).message).toContain('missing its "value"');
    expect(statusOf(() => applyPatch("json", live, [{ op: "move", path: "/a" }])).message).toContain('missing its "from"');
    expect(statusOf(() => applyPatch("json", live, [{ op: "add", path: "a", value: 1 }])).code).toBe(400);
  });

  it("refuses to produce something that is not an object", () => {
    expect(statusOf(() => applyPatch("json", deployment(), [{ op: "replace", path: "", value: 3 }])).code).toBe(422);
  });
});
