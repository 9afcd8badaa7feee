import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, configMap, freshNamespace, json, readEvents } from "./api-client.ts";

describe("watch", () => {
  it("replays the change log from a resourceVersion, then streams live events, one JSON per line", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const first = await json(await api("POST", base, { body: configMap("one") }));
    await api("POST", base, { body: configMap("two") });
    await api("DELETE", `${base}/one`);
    const res = await api("GET", `${base}?watch=true&resourceVersion=${first.metadata.resourceVersion}`);
    expect(res.status).toBe(200);
    const eventsPromise = readEvents(res.body!, 3);
    await api("POST", base, { body: configMap("three") });
    const events = await eventsPromise;
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
      ["ADDED", "two"],
      ["DELETED", "one"],
      ["ADDED", "three"],
    ]);
  });

  it("starts with the current objects as ADDED when no resourceVersion is given", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    await api("POST", base, { body: configMap("a", {}, { app: "x" }) });
    await api("POST", base, { body: configMap("b", {}, { app: "y" }) });
    const res = await api("GET", `${base}?watch=1&labelSelector=app%3Dx`);
    const events = await readEvents(res.body!, 1);
    expect(events[0]).toMatchObject({ type: "ADDED", object: { metadata: { name: "a" } } });
  });

  it("reports an object leaving a label selector as DELETED", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const created = await json(await api("POST", base, { body: configMap("mover", {}, { app: "x" }) }));
    const res = await api("GET", `${base}?watch=true&labelSelector=app=x&resourceVersion=${created.metadata.resourceVersion}`);
    const eventsPromise = readEvents(res.body!, 1);
    await api("PATCH", `${base}/mover`, { body: { metadata: { labels: { app: "y" } } }, contentType: "application/merge-patch+json" });
    expect((await eventsPromise)[0]).toMatchObject({ type: "DELETED", object: { metadata: { name: "mover" } } });
  });

  it("answers 410 Expired for a revision older than the compaction point", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const old = await json(await api("POST", base, { body: configMap("old") }));
    await api("POST", base, { body: configMap("newer") });
    const stub = env.CLUSTER.get(env.CLUSTER.idFromName("default"));
    await runInDurableObject(stub, (instance) => instance.compact(0));
    const res = await api("GET", `${base}?watch=true&resourceVersion=${old.metadata.resourceVersion}`);
    const [event] = await readEvents(res.body!, 1);
    expect(event.type).toBe("ERROR");
    expect(event.object).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
  });

  it("renders Table watches as one-row Tables", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    await api("POST", base, { body: configMap("tabled", { a: "1", b: "2" }) });
    const res = await api("GET", `${base}?watch=true`, { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" });
    const [event] = await readEvents(res.body!, 1);
    expect(event.object.kind).toBe("Table");
    expect(event.object.rows?.[0].cells.slice(0, 2)).toEqual(["tabled", 2]);
  });
});

describe("lists", () => {
  it("filters by label and field selectors and pages with limit/continue", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    for (const [name, tier] of [["a", "web"], ["b", "db"], ["c", "web"], ["d", "web"]]) {
      await api("POST", base, { body: configMap(name, {}, { tier }) });
    }
    const web = await json(await api("GET", `${base}?labelSelector=${encodeURIComponent("tier in (web)")}`));
    expect(web.items?.map((i) => i.metadata.name)).toEqual(["a", "c", "d"]);
    const notWeb = await json(await api("GET", `${base}?labelSelector=tier!%3Dweb`));
    expect(notWeb.items?.map((i) => i.metadata.name)).toEqual(["b"]);
    const byName = await json(await api("GET", `${base}?fieldSelector=metadata.name%3Dc`));
    expect(byName.items?.map((i) => i.metadata.name)).toEqual(["c"]);
    const page1 = await json(await api("GET", `${base}?limit=2&labelSelector=tier%3Dweb`));
    expect(page1.items?.map((i) => i.metadata.name)).toEqual(["a", "c"]);
    expect(page1.metadata.continue).toBeTruthy();
    expect(page1.metadata.resourceVersion).toBeTruthy();
    const page2 = await json(await api("GET", `${base}?limit=2&labelSelector=tier%3Dweb&continue=${page1.metadata.continue}`));
    expect(page2.items?.map((i) => i.metadata.name)).toEqual(["d"]);
    expect(page2.metadata.continue).toBeUndefined();
  });

  it("rejects unsupported field selectors with 400", async () => {
    const res = await api("GET", "/api/v1/configmaps?fieldSelector=data.x%3Dy");
    expect(res.status).toBe(400);
    expect((await json(res)).message).toContain("field label not supported: data.x");
  });

  it("lists across namespaces", async () => {
    const a = await freshNamespace();
    const b = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${a}/configmaps`, { body: configMap("across", {}, { mark: a }) });
    await api("POST", `/api/v1/namespaces/${b}/configmaps`, { body: configMap("across", {}, { mark: a }) });
    const all = await json(await api("GET", `/api/v1/configmaps?labelSelector=mark%3D${a}`));
    expect(all.items?.map((i) => i.metadata.namespace)).toEqual([a, b].sort());
  });
});
