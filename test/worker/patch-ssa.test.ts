import { describe, expect, it } from "vitest";
import type { KubeObject, ManagedFieldsEntry } from "../../worker/apimachinery/object.ts";
import type { Status } from "../../worker/apimachinery/status.ts";
import { StatusError } from "../../worker/apimachinery/status.ts";
import { applyPatch, recordUpdateManager, serverSideApply } from "../../worker/patch/index.ts";

const T1 = "2025-01-01T00:00:00Z";
const T2 = "2025-01-02T00:00:00Z";

function config(spec: Record<string, unknown>, labels: Record<string, string> = { app: "web" }): KubeObject {
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default", labels }, spec };
}

function bare(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" }, spec };
}

const baseSpec = () => ({
  replicas: 2,
  selector: { matchLabels: { app: "web" } },
  template: {
    metadata: { labels: { app: "web" } },
    spec: { containers: [{ name: "main", image: "nginx:1.25", ports: [{ containerPort: 80 }] }] },
  },
});

function entry(obj: KubeObject, manager: string): ManagedFieldsEntry | undefined {
  return obj.metadata.managedFields?.find((e) => e.manager === manager);
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

describe("server-side apply", () => {
  it("creates an object with an Apply entry in FieldsV1 notation", () => {
    const created = serverSideApply(undefined, config(baseSpec()), { manager: "kubectl", force: false, now: T1 });
    expect(created.metadata.name).toBe("web");
    expect(created.spec).toEqual(baseSpec());
    expect(created.metadata.managedFields).toEqual([
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T1,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": { "f:matchLabels": { "f:app": {} } },
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  'k:{"name":"main"}': {
                    ".": {},
                    "f:image": {},
                    "f:name": {},
                    "f:ports": { 'k:{"containerPort":80}': { ".": {}, "f:containerPort": {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it("ignores status and server-kept metadata in the applied configuration", () => {
    const applied = { ...config(baseSpec()), status: { replicas: 9 } };
    applied.metadata = { ...applied.metadata, creationTimestamp: undefined, uid: "x" };
    const live = { ...serverSideApply(undefined, config(baseSpec()), { manager: "kubectl", force: false, now: T1 }), status: { replicas: 1 } };
    live.metadata = { ...live.metadata, uid: "u1", creationTimestamp: T1 };
    const out = serverSideApply(live, applied, { manager: "kubectl", force: false, now: T2 });
    expect(out.status).toEqual({ replicas: 1 });
    expect(out.metadata.uid).toBe("u1");
    expect(out.metadata.creationTimestamp).toBe(T1);
    expect(JSON.stringify(entry(out, "kubectl")?.fieldsV1)).not.toContain("status");
  });

  it("updates in place, merging keyed lists and keeping other fields", () => {
    const live = serverSideApply(undefined, config(baseSpec()), { manager: "kubectl", force: false, now: T1 });
    const withExtra = { ...live, spec: { ...(live.spec as object), progressDeadlineSeconds: 600 } };
    const spec = baseSpec();
    spec.template.spec.containers[0].image = "nginx:1.26";
    const out = serverSideApply(withExtra, config(spec), { manager: "kubectl", force: false, now: T2 });
    expect(out.spec).toEqual({ ...spec, progressDeadlineSeconds: 600 });
    // Same field set: the entry's time is unchanged.
    expect(entry(out, "kubectl")?.time).toBe(T1);
  });

  it("removes fields the manager applied before but omits now", () => {
    const first = serverSideApply(undefined, config(baseSpec(), { app: "web", tier: "fe" }), { manager: "kubectl", force: false, now: T1 });
    const spec: Record<string, unknown> = baseSpec();
    delete spec.replicas;
    const out = serverSideApply(first, config(spec), { manager: "kubectl", force: false, now: T2 });
    expect((out.spec as Record<string, unknown>).replicas).toBeUndefined();
    expect(out.metadata.labels).toEqual({ app: "web" });
    expect(entry(out, "kubectl")?.time).toBe(T2);
    expect(JSON.stringify(entry(out, "kubectl")?.fieldsV1)).not.toContain("f:replicas");
  });

  it("removes a dropped list item, and an emptied map", () => {
    const spec = baseSpec();
    spec.template.spec.containers.push({ name: "sidecar", image: "busybox", ports: [] });
    const first = serverSideApply(undefined, config(spec, { a: "1" }), { manager: "m", force: false, now: T1 });
    const second = serverSideApply(
      first,
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: baseSpec() },
      { manager: "m", force: false, now: T2 },
    );
    const containers = ((second.spec as typeof spec).template.spec.containers).map((c) => c.name);
    expect(containers).toEqual(["main"]);
    expect(second.metadata.labels).toBeUndefined();
  });

  it("keeps a dropped field another manager also owns", () => {
    const first = serverSideApply(undefined, config(baseSpec()), { manager: "a", force: false, now: T1 });
    const shared = serverSideApply(first, bare({ replicas: 2 }), { manager: "b", force: false, now: T1 });
    const spec: Record<string, unknown> = baseSpec();
    delete spec.replicas;
    const out = serverSideApply(shared, config(spec), { manager: "a", force: false, now: T2 });
    expect((out.spec as Record<string, unknown>).replicas).toBe(2);
    expect(entry(out, "b")?.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
  });

  it("refuses to change a field another manager owns, worded like Kubernetes", () => {
    // Created by client-side apply: an Update entry owns everything.
    const created = recordUpdateManager(undefined, config(baseSpec()), { manager: "kubectl-client-side-apply", now: T1 });
    const spec = baseSpec();
    spec.replicas = 5;
    const s = statusOf(() => serverSideApply(created, config(spec), { manager: "kubectl", force: false, now: T2 }));
    expect(s.code).toBe(409);
    expect(s.reason).toBe("Conflict");
    expect(s.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(s.details?.causes).toEqual([
      { reason: "FieldManagerConflict", message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: ".spec.replicas" },
    ]);
    // Applying the same values is not a conflict: ownership is shared.
    const sharedOut = serverSideApply(created, config(baseSpec()), { manager: "kubectl", force: false, now: T2 });
    expect(entry(sharedOut, "kubectl-client-side-apply")?.fieldsV1).toEqual(entry(created, "kubectl-client-side-apply")?.fieldsV1);
  });

  it("lists several conflicts grouped by manager", () => {
    const created = serverSideApply(undefined, config(baseSpec()), { manager: "other", force: false, now: T1 });
    const spec = baseSpec();
    spec.replicas = 5;
    spec.template.spec.containers[0].image = "nginx:2";
    const s = statusOf(() => serverSideApply(created, config(spec), { manager: "kubectl", force: false, now: T2 }));
    expect(s.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "other":\n- .spec.replicas\n- .spec.template.spec.containers[name="main"].image',
    );
  });

  it("takes conflicting fields over with force", () => {
    const created = recordUpdateManager(undefined, config(baseSpec()), { manager: "kubectl-client-side-apply", now: T1 });
    const out = serverSideApply(created, bare({ replicas: 5 }), { manager: "kubectl", force: true, now: T2 });
    expect((out.spec as Record<string, unknown>).replicas).toBe(5);
    expect(entry(out, "kubectl")?.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    const csa = JSON.stringify(entry(out, "kubectl-client-side-apply")?.fieldsV1);
    expect(csa).not.toContain("f:replicas");
    expect(csa).toContain("f:selector");
  });

  it("conflicts with a controller that scaled through an Update", () => {
    const applied = serverSideApply(undefined, config(baseSpec()), { manager: "kubectl", force: false, now: T1 });
    const scaled = recordUpdateManager(applied, applyPatch("merge", applied, { spec: { replicas: 4 } }), {
      manager: "hpa",
      now: T2,
      subresource: "scale",
    });
    // The update took the field from the applier.
    expect(JSON.stringify(entry(scaled, "kubectl")?.fieldsV1)).not.toContain("f:replicas");
    const s = statusOf(() => serverSideApply(scaled, config(baseSpec()), { manager: "kubectl", force: false, now: T2 }));
    expect(s.message).toBe('Apply failed with 1 conflict: conflict with "hpa" with subresource "scale" using apps/v1: .spec.replicas');
  });

  it("merges sets (finalizers) and drops members no longer applied", () => {
    const cm = (finalizers: string[]): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", finalizers }, data: { a: "1" } });
    const first = serverSideApply(undefined, cm(["x", "y"]), { manager: "m", force: false, now: T1 });
    expect(entry(first, "m")?.fieldsV1).toEqual({
      "f:data": { "f:a": {} },
      "f:metadata": { "f:finalizers": { 'v:"x"': {}, 'v:"y"': {} } },
    });
    const second = serverSideApply(first, cm(["y"]), { manager: "m", force: false, now: T2 });
    expect(second.metadata.finalizers).toEqual(["y"]);
  });
});
