import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, configMap, freshNamespace, json } from "./api-client.ts";

const cluster = () => env.CLUSTER.get(env.CLUSTER.idFromName("default"));

async function runAlarms(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) if (!(await runDurableObjectAlarm(cluster()))) return;
}

describe("namespaces", () => {
  it("starts with the four system namespaces", async () => {
    const list = await json(await api("GET", "/api/v1/namespaces"));
    const names = list.items?.map((n) => n.metadata.name);
    expect(names).toEqual(expect.arrayContaining(["default", "kube-system", "kube-public", "kube-node-lease"]));
    const ns = list.items?.find((n) => n.metadata.name === "default");
    expect(ns?.status?.phase).toBe("Active");
  });

  it("refuses objects in a missing namespace with 404", async () => {
    const res = await api("POST", "/api/v1/namespaces/nowhere/configmaps", { body: configMap("x") });
    expect(res.status).toBe(404);
    expect((await json(res)).message).toBe('namespaces "nowhere" not found');
  });

  it("gives every namespace a default ServiceAccount", async () => {
    const ns = await freshNamespace();
    await runAlarms();
    const res = await api("GET", `/api/v1/namespaces/${ns}/serviceaccounts/default`);
    expect(res.status).toBe(200);
  });

  it("terminates: refuses new objects with 403, empties itself, then disappears", async () => {
    const ns = await freshNamespace();
    // A finalizer holds the namespace in Terminating until the test releases it.
    const held = { ...configMap("inside"), metadata: { name: "inside", finalizers: ["example.com/hold"] } };
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: held });
    const deleted = await json(await api("DELETE", `/api/v1/namespaces/${ns}`));
    expect(deleted.status?.phase).toBe("Terminating");
    const refused = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: configMap("late") });
    expect(refused.status).toBe(403);
    expect((await json(refused)).message).toBe(
      `configmaps "late" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
    );
    await runAlarms(10);
    expect((await api("GET", `/api/v1/namespaces/${ns}`)).status).toBe(200);
    await api("PATCH", `/api/v1/namespaces/${ns}/configmaps/inside`, {
      body: { metadata: { finalizers: null } },
      contentType: "application/merge-patch+json",
    });
    await runAlarms(10);
    expect((await api("GET", `/api/v1/namespaces/${ns}/configmaps/inside`)).status).toBe(404);
    expect((await api("GET", `/api/v1/namespaces/${ns}`)).status).toBe(404);
  });

  it("keeps the default namespace", async () => {
    const res = await api("DELETE", "/api/v1/namespaces/default");
    expect(res.status).toBe(403);
  });
});

describe("garbage collection by ownerReferences", () => {
  async function ownerWithDependents(ns: string) {
    const owner = await json(await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: configMap("owner") }));
    const ref = { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid, blockOwnerDeletion: true };
    for (const name of ["dep-1", "dep-2"]) {
      const body = { ...configMap(name), metadata: { name, ownerReferences: [ref] } };
      expect((await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body })).status).toBe(201);
    }
    return owner;
  }

  it("deletes dependents in the background", async () => {
    const ns = await freshNamespace();
    await ownerWithDependents(ns);
    await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/owner`, { body: { propagationPolicy: "Background" } });
    await runAlarms();
    const left = await json(await api("GET", `/api/v1/namespaces/${ns}/configmaps`));
    expect(left.items?.map((i) => i.metadata.name)).toEqual([]);
  });

  it("deletes dependents first in the foreground", async () => {
    const ns = await freshNamespace();
    await ownerWithDependents(ns);
    const pending = await json(
      await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/owner`, { body: { propagationPolicy: "Foreground" } }),
    );
    expect(pending.metadata.finalizers).toContain("foregroundDeletion");
    expect(pending.metadata.deletionTimestamp).toBeDefined();
    await runAlarms(10);
    const left = await json(await api("GET", `/api/v1/namespaces/${ns}/configmaps`));
    expect(left.items?.map((i) => i.metadata.name)).toEqual([]);
  });

  it("orphans dependents", async () => {
    const ns = await freshNamespace();
    await ownerWithDependents(ns);
    await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/owner`, { body: { propagationPolicy: "Orphan" } });
    await runAlarms(10);
    const left = await json(await api("GET", `/api/v1/namespaces/${ns}/configmaps`));
    expect(left.items?.map((i) => i.metadata.name)).toEqual(["dep-1", "dep-2"]);
    expect(left.items?.every((i) => i.metadata.ownerReferences === undefined)).toBe(true);
  });

  it("holds objects with finalizers until the last one is removed", async () => {
    const ns = await freshNamespace();
    const body = { ...configMap("held"), metadata: { name: "held", finalizers: ["example.com/hold"] } };
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body });
    const path = `/api/v1/namespaces/${ns}/configmaps/held`;
    const deleting = await json(await api("DELETE", path));
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    expect((await api("GET", path)).status).toBe(200);
    await api("PATCH", path, { body: { metadata: { finalizers: null } }, contentType: "application/merge-patch+json" });
    expect((await api("GET", path)).status).toBe(404);
  });
});
