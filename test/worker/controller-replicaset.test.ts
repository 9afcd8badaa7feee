// The ReplicaSet controller through the HTTP API, with alarms run by hand and
// the kubelet played by patching pod status.
import { describe, expect, it } from "vitest";
import type { K8s } from "./api-client.ts";
import { api, json } from "./api-client.ts";
import { TestCluster } from "./cluster-harness.ts";

const CLUSTER = "controller-replicaset";
const BASE = `/clusters/${CLUSTER}`;

const cluster = new TestCluster(CLUSTER);
const settle = (times = 20) => cluster.settle(times);
const namespace = () => cluster.namespace("rs");

function replicaSet(name: string, replicas: number, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, tier: "web" }, annotations: { note: "from-template" } },
        spec: { containers: [{ name: "c", image: "busybox" }] },
      },
      ...extra,
    },
  };
}

async function createRS(ns: string, body: unknown): Promise<K8s> {
  const res = await api("POST", `${BASE}/apis/apps/v1/namespaces/${ns}/replicasets`, { body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

async function getRS(ns: string, name: string): Promise<K8s> {
  return json(await api("GET", `${BASE}/apis/apps/v1/namespaces/${ns}/replicasets/${name}`));
}

async function pods(ns: string): Promise<K8s[]> {
  const list = await json(await api("GET", `${BASE}/api/v1/namespaces/${ns}/pods`));
  return list.items ?? [];
}

async function scaleRS(ns: string, name: string, replicas: number): Promise<void> {
  const res = await api("PATCH", `${BASE}/apis/apps/v1/namespaces/${ns}/replicasets/${name}/scale`, {
    body: { spec: { replicas } },
    contentType: "application/merge-patch+json",
  });
  expect(res.status).toBe(200);
}

/** The kubelet's part: Running, and Ready since `readyAgoSeconds` ago (or not ready). */
async function setPodState(ns: string, name: string, state: { ready: boolean; readyAgoSeconds?: number; phase?: string }) {
  const since = new Date(Date.now() - (state.readyAgoSeconds ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const res = await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/pods/${name}/status`, {
    body: {
      status: {
        phase: state.phase ?? "Running",
        conditions: [{ type: "Ready", status: state.ready ? "True" : "False", lastTransitionTime: since }],
      },
    },
    contentType: "application/merge-patch+json",
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

function status(rs: K8s): Record<string, unknown> {
  return rs.status ?? {};
}

describe("ReplicaSet controller", { timeout: 15_000 }, () => {
  it("creates pods from the template, controlled by the ReplicaSet", async () => {
    const ns = await namespace();
    const rs = await createRS(ns, replicaSet("web", 3));
    await settle();
    const list = await pods(ns);
    expect(list).toHaveLength(3);
    for (const pod of list) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.labels).toEqual({ app: "web", tier: "web" });
      expect(pod.metadata.annotations).toEqual({ note: "from-template" });
      expect(pod.metadata.ownerReferences).toEqual([
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const after = await getRS(ns, "web");
    expect(status(after)).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 });
    const events = await json(await api("GET", `${BASE}/api/v1/namespaces/${ns}/events`));
    const created = (events.items ?? []).filter((e) => (e as { reason?: string }).reason === "SuccessfulCreate");
    expect(created).toHaveLength(3);
    expect((created[0] as { message?: string }).message).toMatch(/^Created pod: web-/);
  });

  it("counts ready and available pods, honouring minReadySeconds", async () => {
    const ns = await namespace();
    await createRS(ns, replicaSet("slow", 3, { minReadySeconds: 30 }));
    await settle();
    const [a, b] = await pods(ns);
    await setPodState(ns, a.metadata.name ?? "", { ready: true, readyAgoSeconds: 120 });
    await setPodState(ns, b.metadata.name ?? "", { ready: true, readyAgoSeconds: 0 });
    await settle();
    expect(status(await getRS(ns, "slow"))).toMatchObject({ replicas: 3, readyReplicas: 2, availableReplicas: 1 });
  });

  it("scales up and down, deleting pending, then not-ready, then the newest ready pods first", async () => {
    const ns = await namespace();
    await createRS(ns, replicaSet("scale", 4));
    await settle();
    const names = (await pods(ns)).map((p) => p.metadata.name ?? "");
    expect(names).toHaveLength(4);
    const [readyOld, readyNew, notReady, pending] = names;
    await setPodState(ns, readyOld, { ready: true, readyAgoSeconds: 300 });
    await setPodState(ns, readyNew, { ready: true, readyAgoSeconds: 10 });
    await setPodState(ns, notReady, { ready: false });
    await setPodState(ns, pending, { ready: false, phase: "Pending" });
    await settle();
    expect(status(await getRS(ns, "scale"))).toMatchObject({ replicas: 4, readyReplicas: 2 });

    await scaleRS(ns, "scale", 2);
    await settle();
    expect((await pods(ns)).map((p) => p.metadata.name).sort()).toEqual([readyOld, readyNew].sort());

    await scaleRS(ns, "scale", 1);
    await settle();
    // Ready for less time goes first.
    expect((await pods(ns)).map((p) => p.metadata.name)).toEqual([readyOld]);

    await scaleRS(ns, "scale", 5);
    await settle();
    expect(await pods(ns)).toHaveLength(5);
    expect(status(await getRS(ns, "scale"))).toMatchObject({ replicas: 5, readyReplicas: 1, availableReplicas: 1, observedGeneration: 4 });
  });

  it("replaces a deleted pod", async () => {
    const ns = await namespace();
    await createRS(ns, replicaSet("heal", 2));
    await settle();
    const [victim] = await pods(ns);
    expect((await api("DELETE", `${BASE}/api/v1/namespaces/${ns}/pods/${victim.metadata.name}`)).status).toBe(200);
    await settle();
    const list = await pods(ns);
    expect(list).toHaveLength(2);
    expect(list.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
  });

  it("adopts matching orphans instead of creating pods, and releases pods that stop matching", async () => {
    const ns = await namespace();
    const orphan = {
      apiVersion: "v1",
      kind: "Pod",
      // Matches the selector but lacks the template's tier label: adopted, yet not fully labelled.
      metadata: { name: "stray", labels: { app: "adopt" } },
      spec: { containers: [{ name: "c", image: "busybox" }] },
    };
    expect((await api("POST", `${BASE}/api/v1/namespaces/${ns}/pods`, { body: orphan })).status).toBe(201);
    const rs = await createRS(ns, replicaSet("adopt", 2));
    await settle();
    let list = await pods(ns);
    expect(list).toHaveLength(2);
    const stray = list.find((p) => p.metadata.name === "stray");
    expect(stray?.metadata.ownerReferences?.[0]).toMatchObject({ kind: "ReplicaSet", name: "adopt", uid: rs.metadata.uid });
    expect(status(await getRS(ns, "adopt"))).toMatchObject({ replicas: 2, fullyLabeledReplicas: 1 });

    // An orphan that appears later is adopted too, and the surplus goes.
    const late = { ...orphan, metadata: { name: "late", labels: { app: "adopt", tier: "web" } } };
    expect((await api("POST", `${BASE}/api/v1/namespaces/${ns}/pods`, { body: late })).status).toBe(201);
    await settle();
    list = await pods(ns);
    expect(list).toHaveLength(2);
    expect(list.every((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid)).toBe(true);

    // Relabelled out of the selector: released, and replaced.
    const released = list[0].metadata.name ?? "";
    const relabel = await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/pods/${released}`, {
      body: { metadata: { labels: { app: "elsewhere" } } },
      contentType: "application/merge-patch+json",
    });
    expect(relabel.status).toBe(200);
    await settle();
    list = await pods(ns);
    expect(list).toHaveLength(3);
    const freed = list.find((p) => p.metadata.name === released);
    expect(freed?.metadata.ownerReferences ?? []).toEqual([]);
    expect(list.filter((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid)).toHaveLength(2);
  });

  it("leaves pods of another controller alone", async () => {
    const ns = await namespace();
    const first = await createRS(ns, replicaSet("first", 1, { selector: { matchLabels: { shared: "yes" } }, template: sharedTemplate() }));
    await settle();
    await createRS(ns, replicaSet("second", 1, { selector: { matchLabels: { shared: "yes" } }, template: sharedTemplate() }));
    await settle();
    const list = await pods(ns);
    expect(list).toHaveLength(2);
    const owners = list.map((p) => p.metadata.ownerReferences?.[0]?.name).sort();
    expect(owners).toEqual(["first", "second"]);
    expect(list.find((p) => p.metadata.ownerReferences?.[0]?.name === "first")?.metadata.ownerReferences?.[0]?.uid).toBe(first.metadata.uid);
  });

  it("deletes its pods through the garbage collector when deleted", async () => {
    const ns = await namespace();
    await createRS(ns, replicaSet("gone", 2));
    await settle();
    expect(await pods(ns)).toHaveLength(2);
    expect((await api("DELETE", `${BASE}/apis/apps/v1/namespaces/${ns}/replicasets/gone`)).status).toBe(200);
    await settle();
    expect(await pods(ns)).toHaveLength(0);
  });
});

function sharedTemplate() {
  return { metadata: { labels: { shared: "yes" } }, spec: { containers: [{ name: "c", image: "busybox" }] } };
}
