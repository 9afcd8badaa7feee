// The cluster watch against a fake API server on loopback: list then watch,
// resume after a dropped watch, re-list after 410 Gone, keep the last known
// state while the control plane is down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../node-agent/control-plane/http-client.ts";
import { ClusterState } from "../../node-agent/network/cluster-state.ts";
import { ClusterWatch } from "../../node-agent/network/cluster-watch.ts";
import { silentLogger } from "../../node-agent/log.ts";
import { FAKE_NODE_TOKEN, FakeApi } from "./network-fake-api.ts";
import { endpoints, service } from "./network-fixtures.ts";

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("cluster watch", () => {
  const api = new FakeApi();
  const state = new ClusterState();
  let http: HttpClient;
  let watch: ClusterWatch;
  const tokens = { token: async () => FAKE_NODE_TOKEN, renewToken: async () => FAKE_NODE_TOKEN };

  beforeAll(async () => {
    api.upsert("services", service("default", "web", { clusterIP: "10.96.0.10", ports: [{ port: 80 }] }));
    http = new HttpClient(await api.start());
    watch = new ClusterWatch(http, tokens, state, silentLogger, { initialBackoffMs: 50, maxBackoffMs: 200, watchSeconds: 60 });
    watch.start();
    await watch.synced;
  });

  afterAll(async () => {
    await watch?.stop();
    http?.close();
    await api.stop();
  });

  it("lists first, then follows changes", async () => {
    expect([...state.services.keys()]).toEqual(["default/web"]);
    api.upsert("endpoints", endpoints("default", "web", ["10.244.1.2"], 80));
    await until("endpoints", () => state.endpoints.has("default/web"));
    api.remove("services", service("default", "web", {}));
    await until("deletion", () => !state.services.has("default/web"));
  });

  it("resumes a dropped watch from its resourceVersion without re-listing", async () => {
    const lists = watch.lists.endpoints;
    api.dropWatches();
    api.upsert("endpoints", endpoints("default", "web", ["10.244.1.2", "10.244.1.3"], 80));
    await until("resumed", () => (state.endpoints.get("default/web")?.subsets?.[0].addresses?.length ?? 0) === 2);
    expect(watch.lists.endpoints).toBe(lists);
  });

  it("re-lists after 410 Gone", async () => {
    const lists = watch.lists.services;
    // The watch misses a write that is then compacted away, so its resourceVersion is too old when it comes back.
    await api.stop();
    api.upsert("services", service("default", "api", { clusterIP: "10.96.0.11", ports: [{ port: 80 }] }));
    api.compact();
    await api.start();
    await until("re-list", () => watch.lists.services > lists && state.services.has("default/api"));
  });

  it("keeps the last known state while the control plane is unreachable, and catches up after", async () => {
    await api.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(state.services.has("default/api")).toBe(true);
    expect(state.endpoints.has("default/web")).toBe(true);
    api.upsert("services", service("default", "later", { clusterIP: "10.96.0.12", ports: [{ port: 80 }] }));
    await api.start();
    await until("caught up", () => state.services.has("default/later"), 5000);
  });
});
