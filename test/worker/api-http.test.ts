import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, configMap, freshNamespace, json } from "./api-client.ts";

describe("authentication", () => {
  it("requires a bearer token everywhere but probes and /version", async () => {
    for (const path of ["/healthz", "/livez", "/readyz", "/version"]) {
      expect((await api("GET", path, { token: null })).status, path).toBe(200);
    }
    const missing = await api("GET", "/api/v1/namespaces", { token: null });
    expect(missing.status).toBe(401);
    expect(await json(missing)).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
    expect((await api("GET", "/api", { token: "wrong" })).status).toBe(401);
    expect((await api("GET", "/openapi/v3", { token: null })).status).toBe(401);
  });
});

describe("bad input", () => {
  it("answers malformed JSON with 400 and unknown media types with 415", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const malformed = await api("POST", base, { body: "{not json", contentType: "application/json" });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).kind).toBe("Status");
    const protobuf = await api("POST", base, { body: "x", contentType: "application/vnd.kubernetes.protobuf" });
    expect(protobuf.status).toBe(400);
    const cbor = await api("POST", base, { body: "x", contentType: "application/cbor" });
    expect(cbor.status).toBe(415);
    const badPatch = await api("PATCH", `${base}/x`, { body: "{}", contentType: "text/plain" });
    expect(badPatch.status).toBe(415);
  });

  it("rejects bodies over 3 MiB and objects over 1.5 MiB with 413", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const huge = await api("POST", base, { body: configMap("huge", { v: "x".repeat(3.5 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    const big = await api("POST", base, { body: configMap("big", { v: "x".repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect((await api("GET", `${base}/big`)).status).toBe(404);
  });

  it("survives YAML alias bombs and absurd nesting", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    const bomb = await api("POST", base, { body: lines.join("\n"), contentType: "application/yaml" });
    expect(bomb.status).toBe(400);
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const nested = await api("POST", base, { body: deep, contentType: "application/json" });
    expect(nested.status).toBe(400);
  });

  it("accepts YAML bodies", async () => {
    const ns = await freshNamespace();
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n";
    const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: yaml, contentType: "application/yaml" });
    expect(res.status).toBe(201);
    expect((await json(res)).data).toEqual({ k: "v" });
  });

  it("answers unknown paths and resources with a 404 Status", async () => {
    const res = await api("GET", "/api/v1/namespaces/default/widgets");
    expect(res.status).toBe(404);
    expect((await json(res)).kind).toBe("Status");
  });
});

describe("patches over HTTP", () => {
  it("applies JSON, merge and strategic-merge patches", async () => {
    const ns = await freshNamespace();
    const path = `/apis/apps/v1/namespaces/${ns}/deployments`;
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "main", image: "nginx:1.25", env: [{ name: "A", value: "1" }] }, { name: "side", image: "busybox" }] },
        },
      },
    };
    expect((await api("POST", path, { body: deployment })).status).toBe(201);
    const smp = await json(
      await api("PATCH", `${path}/web`, {
        body: { spec: { template: { spec: { containers: [{ name: "main", image: "nginx:1.26" }] } } } },
        contentType: "application/strategic-merge-patch+json",
      }),
    );
    const containers = (smp.spec?.template as { spec: { containers: { name: string; image: string; env?: unknown[] }[] } }).spec.containers;
    expect(containers.map((c) => [c.name, c.image])).toEqual([["main", "nginx:1.26"], ["side", "busybox"]]);
    expect(containers[0].env).toEqual([{ name: "A", value: "1" }]);
    const merged = await json(
      await api("PATCH", `${path}/web`, { body: { metadata: { labels: { a: "b" } } }, contentType: "application/merge-patch+json" }),
    );
    expect(merged.metadata.labels).toEqual({ a: "b" });
    const jsonPatched = await json(
      await api("PATCH", `${path}/web`, { body: [{ op: "replace", path: "/spec/replicas", value: 4 }], contentType: "application/json-patch+json" }),
    );
    expect(jsonPatched.spec?.replicas).toBe(4);
  });

  it("server-side apply creates, then updates, recording the field manager", async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps/applied?fieldManager=kubectl&fieldValidation=Strict&force=false`;
    const first = await api("PATCH", path, { body: configMap("applied", { a: "1" }), contentType: "application/apply-patch+yaml" });
    expect(first.status).toBe(201);
    const second = await api("PATCH", path, {
      body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  b: '2'\n",
      contentType: "application/apply-patch+yaml",
    });
    expect(second.status).toBe(200);
    const object = await json(second);
    expect(object.data).toEqual({ b: "2" });
    expect(object.metadata.managedFields?.[0]).toMatchObject({ manager: "kubectl", operation: "Apply" });
  });

  it("serves the scale subresource", async () => {
    const ns = await freshNamespace();
    const path = `/apis/apps/v1/namespaces/${ns}/deployments`;
    await api("POST", path, {
      body: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "s" },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: "s" } },
          template: { metadata: { labels: { app: "s" } }, spec: { containers: [{ name: "c", image: "busybox" }] } },
        },
      },
    });
    const scale = await json(await api("GET", `${path}/s/scale`));
    expect(scale).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 1 }, status: { selector: "app=s" } });
    const patched = await json(await api("PATCH", `${path}/s/scale`, { body: { spec: { replicas: 3 } }, contentType: "application/merge-patch+json" }));
    expect(patched.spec?.replicas).toBe(3);
    const stale = await api("PUT", `${path}/s/scale`, { body: { ...scale, spec: { replicas: 5 } } });
    expect(stale.status).toBe(409);
    expect((await json(await api("GET", `${path}/s`))).spec?.replicas).toBe(3);
  });
});

describe("validation", () => {
  it("answers 422 Invalid with causes kubectl can print", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/api/v1/namespaces/${ns}/pods`, {
      body: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "main" }] } },
    });
    expect(res.status).toBe(422);
    const status = await json(res);
    expect(status.reason).toBe("Invalid");
    expect(status.details?.causes).toContainEqual(
      expect.objectContaining({ reason: "FieldValueRequired", field: "spec.containers[0].image" }),
    );
    expect(status.message).toContain('Pod "p" is invalid: spec.containers[0].image: Required value');
  });

  it("rejects unknown fields with fieldValidation=Strict and warns otherwise", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const body = { ...configMap("unknown"), bogus: true };
    const strict = await api("POST", `${base}?fieldValidation=Strict`, { body });
    expect(strict.status).toBe(400);
    expect((await json(strict)).message).toContain('unknown field "bogus"');
    const warned = await api("POST", base, { body });
    expect(warned.status).toBe(201);
    expect(warned.headers.get("warning")).toContain('unknown field \\"bogus\\"');
  });
});

describe("secrets", () => {
  it("are encrypted at rest: the stored bytes hold neither the value nor its base64", async () => {
    const ns = await freshNamespace();
    const value = "hunter2-super-secret";
    const b64 = btoa(value);
    const res = await api("POST", `/api/v1/namespaces/${ns}/secrets`, {
      body: { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { password: b64 } },
    });
    expect(res.status).toBe(201);
    expect((await json(await api("GET", `/api/v1/namespaces/${ns}/secrets/s`))).data).toEqual({ password: b64 });
    const stub = env.CLUSTER.get(env.CLUSTER.idFromName("default"));
    const stored = await runInDurableObject(stub, (_instance, state) => {
      const objects = state.storage.sql.exec<{ data: string }>("SELECT data FROM objects WHERE resource = 'secrets'").toArray();
      const changes = state.storage.sql.exec<{ data: string }>("SELECT data FROM changes WHERE resource = 'secrets'").toArray();
      return [...objects, ...changes].map((row) => row.data).join("\n");
    });
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).not.toContain(value);
    expect(stored).not.toContain(b64);
  });
});

describe("manifests", () => {
  const manifest = (cmName: string, extra = "") => `
apiVersion: v1
kind: Namespace
metadata:
  name: ${cmName}-ns
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${cmName}
  namespace: ${cmName}-ns
data:
  key: value
${extra}`;

  it("applies every document, then reports unchanged and configured", async () => {
    const name = `m-${Date.now().toString(36)}`;
    const first = await json(await api("POST", "/manifests", { body: manifest(name), contentType: "application/yaml" }));
    expect((first as unknown as { items: { action: string }[] }).items.map((i) => i.action)).toEqual(["created", "created"]);
    const second = await json(await api("POST", "/manifests", { body: manifest(name), contentType: "application/yaml" }));
    expect((second as unknown as { items: { action: string }[] }).items.map((i) => i.action)).toEqual(["unchanged", "unchanged"]);
    const changed = manifest(name).replace("key: value", "key: other");
    const third = await json(await api("POST", "/manifests", { body: changed, contentType: "application/yaml" }));
    expect((third as unknown as { items: { action: string }[] }).items.map((i) => i.action)).toEqual(["unchanged", "configured"]);
  });

  it("applies nothing when any document is invalid", async () => {
    const name = `bad-${Date.now().toString(36)}`;
    const invalid = `${manifest(name)}---
apiVersion: v1
kind: Pod
metadata:
  name: broken
  namespace: ${name}-ns
spec:
  containers:
  - name: main
`;
    const res = await api("POST", "/manifests", { body: invalid, contentType: "application/yaml" });
    expect(res.status).toBe(422);
    expect((await json(res)).message).toContain('document 3 (Pod "broken")');
    expect((await api("GET", `/api/v1/namespaces/${name}-ns`)).status).toBe(404);
  });

  it("validates only with dryRun=All", async () => {
    const name = `dry-${Date.now().toString(36)}`;
    const res = await api("POST", "/manifests?dryRun=All", { body: manifest(name), contentType: "application/yaml" });
    expect(res.status).toBe(200);
    expect((await api("GET", `/api/v1/namespaces/${name}-ns`)).status).toBe(404);
  });
});

describe("clusters", () => {
  it("keeps clusters under /clusters/<name> apart from the default one", async () => {
    const created = await api("POST", "/clusters/other/api/v1/namespaces/default/configmaps", { body: configMap("only-in-other") });
    expect(created.status).toBe(201);
    expect((await api("GET", "/clusters/other/api/v1/namespaces/default/configmaps/only-in-other")).status).toBe(200);
    expect((await api("GET", "/api/v1/namespaces/default/configmaps/only-in-other")).status).toBe(404);
    expect((await api("GET", "/clusters/other/version")).status).toBe(200);
  });
});

describe("tables", () => {
  it("renders lists as Tables for kubectl", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: configMap("t", { a: "1" }) });
    const res = await api("GET", `/api/v1/namespaces/${ns}/configmaps?limit=500`, {
      accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
    });
    expect(res.headers.get("content-type")).toContain("as=Table");
    const table = await json(res);
    expect(table.columnDefinitions?.map((c) => c.name)).toEqual(["Name", "Data", "Age"]);
    expect(table.rows?.[0].cells.slice(0, 2)).toEqual(["t", 1]);
    expect(table.rows?.[0].object.metadata.namespace).toBe(ns);
  });
});
