// The Deployment controller (with the ReplicaSet controller and the garbage
// collector) through the HTTP API, alarms run by hand and the kubelet played
// by patching pod status. Requests go the way kubectl sends them.
import { describe, expect, it } from "vitest";
import type { K8s } from "./api-client.ts";
import { api, json } from "./api-client.ts";
import { TestCluster } from "./cluster-harness.ts";

const CLUSTER = "controller-deployment";
const BASE = `/clusters/${CLUSTER}`;
const APPS = `${BASE}/apis/apps/v1`;
const REVISION = "deployment.kubernetes.io/revision";

const cluster = new TestCluster(CLUSTER);
const settle = (times = 25) => cluster.settle(times);
const namespace = () => cluster.namespace("dp");

interface Options {
  replicas?: number;
  image?: string;
  strategy?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

function deployment(name: string, options: Options = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      ...(options.strategy ? { strategy: options.strategy } : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "app", image: options.image ?? "busybox:1" }] },
      },
      ...options.extra,
    },
  };
}

async function create(ns: string, body: unknown): Promise<K8s> {
  const res = await api("POST", `${APPS}/namespaces/${ns}/deployments`, { body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

async function getDeployment(ns: string, name: string): Promise<K8s> {
  return json(await api("GET", `${APPS}/namespaces/${ns}/deployments/${name}`));
}

async function patchDeployment(ns: string, name: string, body: unknown, contentType = "application/merge-patch+json"): Promise<K8s> {
  const res = await api("PATCH", `${APPS}/namespaces/${ns}/deployments/${name}`, { body, contentType });
  expect(res.status, await res.clone().text()).toBe(200);
  return json(res);
}

async function setImage(ns: string, name: string, image: string): Promise<void> {
  await patchDeployment(ns, name, { spec: { template: { spec: { containers: [{ name: "app", image }] } } } }, "application/strategic-merge-patch+json");
}

async function scale(ns: string, name: string, replicas: number): Promise<void> {
  const res = await api("PATCH", `${APPS}/namespaces/${ns}/deployments/${name}/scale`, {
    body: { spec: { replicas } },
    contentType: "application/merge-patch+json",
  });
  expect(res.status).toBe(200);
}

/** What `kubectl rollout history` lists: controlled by the Deployment, matching its selector, with a revision. */
async function replicaSets(ns: string, d: K8s): Promise<K8s[]> {
  const selector = Object.entries((d.spec?.selector as { matchLabels: Record<string, string> }).matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  const list = await json(await api("GET", `${APPS}/namespaces/${ns}/replicasets?labelSelector=${encodeURIComponent(selector)}`));
  return (list.items ?? [])
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid && (r as { controller?: boolean }).controller))
    .filter((rs) => rs.metadata.annotations?.[REVISION] !== undefined)
    .sort((a, b) => Number(a.metadata.annotations?.[REVISION]) - Number(b.metadata.annotations?.[REVISION]));
}

async function podsOf(ns: string, rs: K8s): Promise<K8s[]> {
  const list = await json(await api("GET", `${BASE}/api/v1/namespaces/${ns}/pods`));
  return (list.items ?? []).filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid));
}

/** The kubelet's part: every pod of `rs` Running and Ready. */
async function makeReady(ns: string, rs: K8s): Promise<void> {
  const now = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  for (const pod of await podsOf(ns, rs)) {
    if (pod.metadata.deletionTimestamp) continue;
    const res = await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/status`, {
      body: { status: { phase: "Running", conditions: [{ type: "Ready", status: "True", lastTransitionTime: now }] } },
      contentType: "application/merge-patch+json",
    });
    expect(res.status).toBe(200);
  }
}

const replicasOf = (rs: K8s | undefined): number | undefined => rs?.spec?.replicas;
const revisionOf = (o: K8s | undefined): string | undefined => o?.metadata.annotations?.[REVISION];

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

function condition(d: K8s, type: string): Condition | undefined {
  return ((d.status?.conditions as Condition[] | undefined) ?? []).find((c) => c.type === type);
}

/** KUBECTL.md §6: when `kubectl rollout status` says the rollout finished. */
function rolloutDone(d: K8s): boolean {
  const s = (d.status ?? {}) as Record<string, number | undefined>;
  const desired = d.spec?.replicas ?? 1;
  return (
    (d.metadata.generation ?? 0) <= (s.observedGeneration ?? 0) &&
    condition(d, "Progressing")?.reason !== "ProgressDeadlineExceeded" &&
    (s.updatedReplicas ?? 0) >= desired &&
    (s.replicas ?? 0) <= (s.updatedReplicas ?? 0) &&
    (s.availableReplicas ?? 0) >= (s.updatedReplicas ?? 0)
  );
}

/** Plays the kubelet until the rollout finishes, recording [old, new] sizes after each round. */
async function completeRollout(ns: string, name: string, rounds = 10): Promise<number[][]> {
  const steps: number[][] = [];
  for (let i = 0; i < rounds; i++) {
    await settle();
    const d = await getDeployment(ns, name);
    const sets = await replicaSets(ns, d);
    steps.push(sets.map((rs) => replicasOf(rs) ?? 0));
    if (rolloutDone(d)) return steps;
    for (const rs of sets) await makeReady(ns, rs);
  }
  throw new Error(`rollout of ${name} did not finish: ${JSON.stringify(steps)}`);
}

// Rollouts take several rounds of alarms and simulated kubelet updates.
describe("Deployment controller", { timeout: 30_000 }, () => {
  it("creates a ReplicaSet named by the pod-template-hash, revision 1, and finishes the rollout", async () => {
    const ns = await namespace();
    const d = await create(ns, deployment("web"));
    await settle();
    const [rs] = await replicaSets(ns, d);
    const hash = rs.metadata.labels?.["pod-template-hash"] ?? "";
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec?.selector).toEqual({ matchLabels: { app: "web", "pod-template-hash": hash } });
    expect((rs.spec?.template as { metadata: { labels: Record<string, string> } }).metadata.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.metadata.annotations).toMatchObject({
      [REVISION]: "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
    expect(replicasOf(rs)).toBe(3);
    expect(await podsOf(ns, rs)).toHaveLength(3);
    let current = await getDeployment(ns, "web");
    expect(revisionOf(current)).toBe("1");
    // NewReplicaSetCreated lasts until the ReplicaSet reports its pods; then, as in Kubernetes, it is progressing.
    expect(condition(current, "Progressing")).toMatchObject({
      status: "True",
      reason: "ReplicaSetUpdated",
      message: `ReplicaSet "web-${hash}" is progressing.`,
    });
    expect(condition(current, "Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable" });
    expect(rolloutDone(current)).toBe(false);

    await makeReady(ns, rs);
    await settle();
    current = await getDeployment(ns, "web");
    expect(current.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(current.status?.unavailableReplicas ?? 0).toBe(0);
    expect(condition(current, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable" });
    expect(condition(current, "Progressing")).toMatchObject({
      status: "True",
      reason: "NewReplicaSetAvailable",
      message: `ReplicaSet "web-${hash}" has successfully progressed.`,
    });
    expect(rolloutDone(current)).toBe(true);
    const events = await json(await api("GET", `${BASE}/api/v1/namespaces/${ns}/events`));
    const messages = (events.items ?? []).map((e) => (e as { message?: string }).message);
    expect(messages).toContain(`Scaled up replica set web-${hash} to 3 from 0`);
  });

  it("keeps the same hash for the same template and a different one for another", async () => {
    const ns = await namespace();
    await create(ns, deployment("twin-a"));
    await settle();
    const a = await replicaSets(ns, await getDeployment(ns, "twin-a"));
    const ns2 = await namespace();
    await create(ns2, deployment("twin-a"));
    await settle();
    const b = await replicaSets(ns2, await getDeployment(ns2, "twin-a"));
    expect(a[0].metadata.name).toBe(b[0].metadata.name);
    await create(ns2, deployment("twin-b", { image: "busybox:2" }));
    await settle();
    const c = await replicaSets(ns2, await getDeployment(ns2, "twin-b"));
    expect(c[0].metadata.labels?.["pod-template-hash"]).not.toBe(a[0].metadata.labels?.["pod-template-hash"]);
  });

  it("rolls out a new template in steps bounded by maxSurge and maxUnavailable", async () => {
    const ns = await namespace();
    await create(ns, deployment("roll", { replicas: 4, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
    await completeRollout(ns, "roll");
    await setImage(ns, "roll", "busybox:2");
    const steps = await completeRollout(ns, "roll");
    // Never more than 4 + 1 pods, never fewer than 4 available: one at a time.
    expect(steps).toEqual([
      [4, 1],
      [3, 2],
      [2, 3],
      [1, 4],
      [0, 4],
    ]);
    const d = await getDeployment(ns, "roll");
    const sets = await replicaSets(ns, d);
    expect(sets.map(revisionOf)).toEqual(["1", "2"]);
    expect(revisionOf(d)).toBe("2");
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4, readyReplicas: 4 });
    expect(await podsOf(ns, sets[0])).toHaveLength(0);
  });

  it("with maxSurge 0 and maxUnavailable 50% replaces half the pods at a time", async () => {
    const ns = await namespace();
    await create(ns, deployment("half", { replicas: 4, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: "50%" } } }));
    await completeRollout(ns, "half");
    await setImage(ns, "half", "busybox:2");
    const steps = await completeRollout(ns, "half");
    // Two old pods go at once, then the other two once the first new ones are available.
    expect(steps).toEqual([
      [2, 2],
      [0, 4],
      [0, 4],
    ]);
  });

  it("counts a hash collision and names the ReplicaSet with the next hash", async () => {
    const probe = await namespace();
    await create(probe, deployment("clash"));
    await settle();
    const [taken] = await replicaSets(probe, await getDeployment(probe, "clash"));
    const ns = await namespace();
    // Someone else's ReplicaSet already has the name the Deployment's hash gives.
    const squatter = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: taken.metadata.name },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "squatter" } },
        template: { metadata: { labels: { app: "squatter" } }, spec: { containers: [{ name: "c", image: "other" }] } },
      },
    };
    expect((await api("POST", `${APPS}/namespaces/${ns}/replicasets`, { body: squatter })).status).toBe(201);
    await create(ns, deployment("clash"));
    await settle();
    const d = await getDeployment(ns, "clash");
    expect(d.status?.collisionCount).toBe(1);
    const [rs] = await replicaSets(ns, d);
    expect(rs.metadata.name).not.toBe(taken.metadata.name);
    expect(rs.metadata.name).toBe(`clash-${rs.metadata.labels?.["pod-template-hash"]}`);
    expect(replicasOf(rs)).toBe(3);
  });

  it("Recreate scales the old ReplicaSet to 0 and waits for its pods to be gone", async () => {
    const ns = await namespace();
    await create(ns, deployment("recreate", { replicas: 2, strategy: { type: "Recreate" } }));
    await completeRollout(ns, "recreate");
    const [oldRS] = await replicaSets(ns, await getDeployment(ns, "recreate"));
    // A finalizer keeps one old pod around after it is deleted, as a slow shutdown would.
    const [lingering] = await podsOf(ns, oldRS);
    const hold = await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/pods/${lingering.metadata.name}`, {
      body: { metadata: { finalizers: ["test/hold"] } },
      contentType: "application/merge-patch+json",
    });
    expect(hold.status).toBe(200);
    await setImage(ns, "recreate", "busybox:2");
    await settle();
    let sets = await replicaSets(ns, await getDeployment(ns, "recreate"));
    expect(sets.map(replicasOf)).toEqual([0]);
    const remaining = await podsOf(ns, oldRS);
    expect(remaining).toHaveLength(1);
    expect(remaining[0].metadata.deletionTimestamp).toBeDefined();

    const release = await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/pods/${lingering.metadata.name}`, {
      body: { metadata: { finalizers: null } },
      contentType: "application/merge-patch+json",
    });
    expect(release.status).toBe(200);
    await settle();
    sets = await replicaSets(ns, await getDeployment(ns, "recreate"));
    expect(sets.map(replicasOf)).toEqual([0, 2]);
    expect(sets.map(revisionOf)).toEqual(["1", "2"]);
    const steps = await completeRollout(ns, "recreate");
    expect(steps.at(-1)).toEqual([0, 2]);
  });

  it("paused: no rollout, but scaling still applies; resuming rolls out", async () => {
    const ns = await namespace();
    await create(ns, deployment("paused", { replicas: 2 }));
    await completeRollout(ns, "paused");
    await patchDeployment(ns, "paused", { spec: { paused: true } });
    await settle();
    let d = await getDeployment(ns, "paused");
    expect(condition(d, "Progressing")).toMatchObject({ status: "Unknown", reason: "DeploymentPaused" });
    await setImage(ns, "paused", "busybox:2");
    await scale(ns, "paused", 5);
    await settle();
    d = await getDeployment(ns, "paused");
    let sets = await replicaSets(ns, d);
    expect(sets.map(replicasOf)).toEqual([5]);
    expect(d.status?.observedGeneration).toBe(d.metadata.generation);

    await patchDeployment(ns, "paused", { spec: { paused: false } });
    await settle();
    d = await getDeployment(ns, "paused");
    sets = await replicaSets(ns, d);
    expect(sets).toHaveLength(2);
    expect(condition(d, "Progressing")?.reason).not.toBe("DeploymentPaused");
    const steps = await completeRollout(ns, "paused");
    expect(steps.at(-1)).toEqual([0, 5]);
  });

  it("scales proportionally during a stuck rollout", async () => {
    const ns = await namespace();
    const strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } };
    await create(ns, deployment("prop", { replicas: 10, strategy }));
    await completeRollout(ns, "prop");
    await setImage(ns, "prop", "busybox:broken");
    await settle();
    let sets = await replicaSets(ns, await getDeployment(ns, "prop"));
    // 10 + 3 pods at most, 10 - 2 available at least; the new pods never become ready.
    expect(sets.map(replicasOf)).toEqual([8, 5]);
    await scale(ns, "prop", 15);
    await settle();
    sets = await replicaSets(ns, await getDeployment(ns, "prop"));
    // The 5 extra pods (15 + 3 - 13) are spread by size, as in the Kubernetes documentation's example.
    expect(sets.map(replicasOf)).toEqual([11, 7]);
    expect(sets.map((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"])).toEqual(["15", "15"]);
  });

  it("keeps only revisionHistoryLimit old ReplicaSets", async () => {
    const ns = await namespace();
    await create(ns, deployment("history", { replicas: 1, extra: { revisionHistoryLimit: 1 } }));
    await completeRollout(ns, "history");
    for (const image of ["busybox:2", "busybox:3"]) {
      await setImage(ns, "history", image);
      await completeRollout(ns, "history");
    }
    await settle();
    const sets = await replicaSets(ns, await getDeployment(ns, "history"));
    expect(sets.map(revisionOf)).toEqual(["2", "3"]);
    expect(sets.map(replicasOf)).toEqual([0, 1]);
  });

  it("rollout undo: a template equal by meaning to an old ReplicaSet's brings it back as the next revision", async () => {
    const ns = await namespace();
    await create(ns, deployment("undo", { replicas: 2 }));
    await completeRollout(ns, "undo");
    await setImage(ns, "undo", "busybox:2");
    await completeRollout(ns, "undo");
    let d = await getDeployment(ns, "undo");
    const [first, second] = await replicaSets(ns, d);
    expect([revisionOf(first), revisionOf(second)]).toEqual(["1", "2"]);

    // What kubectl sends: the old template without pod-template-hash, as Go prints it (nulls and empties included).
    const template = structuredClone(first.spec?.template) as {
      metadata: { labels: Record<string, string>; creationTimestamp?: null };
      spec: { containers: { resources?: object }[] };
    };
    delete template.metadata.labels["pod-template-hash"];
    template.metadata.creationTimestamp = null;
    template.spec.containers[0].resources = {};
    const annotations = { ...d.metadata.annotations, [REVISION]: "1" };
    await patchDeployment(
      ns,
      "undo",
      [
        { op: "replace", path: "/spec/template", value: template },
        { op: "replace", path: "/metadata/annotations", value: annotations },
      ],
      "application/json-patch+json",
    );
    const steps = await completeRollout(ns, "undo");
    d = await getDeployment(ns, "undo");
    const sets = await replicaSets(ns, d);
    // No third ReplicaSet: the first one is scaled back up and is now revision 3.
    expect(sets.map((rs) => rs.metadata.name)).toEqual([second.metadata.name, first.metadata.name]);
    expect(sets.map(revisionOf)).toEqual(["2", "3"]);
    expect(sets[1].metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1");
    expect(revisionOf(d)).toBe("3");
    expect(steps.at(-1)).toEqual([0, 2]);
    expect(rolloutDone(d)).toBe(true);
  });

  it("reports ProgressDeadlineExceeded when a rollout stalls past progressDeadlineSeconds", async () => {
    const ns = await namespace();
    await create(ns, deployment("stall", { replicas: 1, extra: { progressDeadlineSeconds: 1 } }));
    await settle();
    let d = await getDeployment(ns, "stall");
    expect(condition(d, "Progressing")?.status).toBe("True");
    // Nothing becomes ready; the controller looks again once the deadline has passed.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await settle();
    d = await getDeployment(ns, "stall");
    expect(condition(d, "Progressing")).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded" });
    expect(condition(d, "Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable" });
    expect(rolloutDone(d)).toBe(false);
  });

  it("adopts an orphan ReplicaSet that matches, and releases one that stops matching", async () => {
    const ns = await namespace();
    const d = await create(ns, deployment("owner", { replicas: 1 }));
    await settle();
    const [rs] = await replicaSets(ns, d);
    // Orphan it, as `kubectl delete --cascade=orphan` of a previous Deployment would have left it.
    const orphaned = await api("PATCH", `${APPS}/namespaces/${ns}/replicasets/${rs.metadata.name}`, {
      body: [{ op: "remove", path: "/metadata/ownerReferences" }],
      contentType: "application/json-patch+json",
    });
    expect(orphaned.status).toBe(200);
    await settle();
    const [again] = await replicaSets(ns, d);
    expect(again.metadata.name).toBe(rs.metadata.name);
    expect(again.metadata.ownerReferences?.[0]?.uid).toBe(d.metadata.uid);

    const relabel = await api("PATCH", `${APPS}/namespaces/${ns}/replicasets/${rs.metadata.name}`, {
      body: { metadata: { labels: { app: "other" } } },
      contentType: "application/merge-patch+json",
    });
    expect(relabel.status).toBe(200);
    await settle();
    const released = await json(await api("GET", `${APPS}/namespaces/${ns}/replicasets/${rs.metadata.name}`));
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
    // The Deployment no longer has a ReplicaSet with its template, so it makes one again.
    const now = await replicaSets(ns, d);
    expect(now).toHaveLength(1);
    expect(now[0].metadata.uid).not.toBe(rs.metadata.uid);
  });

  it("deleting a Deployment deletes its ReplicaSets and pods through the garbage collector", async () => {
    const ns = await namespace();
    await create(ns, deployment("doomed", { replicas: 2 }));
    await settle();
    const rsList = await json(await api("GET", `${APPS}/namespaces/${ns}/replicasets`));
    expect(rsList.items).toHaveLength(1);
    expect((await api("DELETE", `${APPS}/namespaces/${ns}/deployments/doomed`)).status).toBe(200);
    await settle();
    expect((await json(await api("GET", `${APPS}/namespaces/${ns}/replicasets`))).items).toHaveLength(0);
    expect((await json(await api("GET", `${BASE}/api/v1/namespaces/${ns}/pods`))).items).toHaveLength(0);
  });
});
