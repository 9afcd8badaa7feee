import { describe, expect, it } from "vitest";
import { api, configMap, freshNamespace, json } from "./api-client.ts";

describe("revisions and optimistic concurrency", () => {
  it("assigns increasing resourceVersions, a uid and a creationTimestamp", async () => {
    const ns = await freshNamespace();
    const a = await json(await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: configMap("a") }));
    const b = await json(await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: configMap("b") }));
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.namespace).toBe(ns);
  });

  it("rejects a stale resourceVersion with Kubernetes' Conflict wording", async () => {
    const ns = await freshNamespace();
    const created = await json(await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: configMap("c", { k: "1" }) }));
    const path = `/api/v1/namespaces/${ns}/configmaps/c`;
    const first = await api("PUT", path, { body: { ...created, data: { k: "2" } } });
    expect(first.status).toBe(200);
    const stale = await api("PUT", path, { body: { ...created, data: { k: "3" } } });
    expect(stale.status).toBe(409);
    const status = await json(stale);
    expect(status.reason).toBe("Conflict");
    expect(status.message).toBe(
      'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect((await json(await api("GET", path))).data).toEqual({ k: "2" });
  });

  it("answers AlreadyExists and NotFound as Kubernetes does", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: configMap("dup") });
    const again = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: configMap("dup") });
    expect(again.status).toBe(409);
    expect((await json(again)).message).toBe('configmaps "dup" already exists');
    const missing = await api("GET", `/api/v1/namespaces/${ns}/pods/nope`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ kind: "Status", status: "Failure", reason: "NotFound", message: 'pods "nope" not found', code: 404 });
  });

  it("does not write an update that changes nothing", async () => {
    const ns = await freshNamespace();
    const created = await json(await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: configMap("same", { a: "b" }) }));
    const updated = await json(await api("PUT", `/api/v1/namespaces/${ns}/configmaps/same`, { body: created }));
    expect(updated.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it("bumps generation on spec changes only, and keeps status apart from the main resource", async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/services`;
    const body = { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } };
    const created = await json(await api("POST", path, { body }));
    expect(created.metadata.generation).toBe(1);
    const merge = "application/merge-patch+json";
    const relabeled = await json(await api("PATCH", `${path}/web`, { body: { metadata: { labels: { tier: "front" } } }, contentType: merge }));
    expect(relabeled.metadata.generation).toBe(1);
    const ingress = { loadBalancer: { ingress: [{ ip: "192.0.2.10" }] } };
    const changed = await json(
      await api("PATCH", `${path}/web`, { body: { spec: { ports: [{ port: 8080 }] }, status: ingress }, contentType: merge }),
    );
    expect(changed.metadata.generation).toBe(2);
    expect(changed.status).not.toEqual(ingress);
    const status = await json(
      await api("PATCH", `${path}/web/status`, { body: { status: ingress, spec: { ports: [{ port: 9090 }] } }, contentType: merge }),
    );
    expect(status.status).toEqual(ingress);
    expect((status.spec?.ports as { port: number }[])[0].port).toBe(8080);
    expect(status.metadata.generation).toBe(2);
  });

  it("creates names from generateName", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, {
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "gen-" } },
    });
    expect(res.status).toBe(201);
    expect((await json(res)).metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });
});
