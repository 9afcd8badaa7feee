// The scheduler end to end through the HTTP API: Nodes and Pods are created
// as kubectl would, alarms are driven explicitly, and the results are read
// back as Pods, conditions and Events. Each test gets its own cluster object
// (/clusters/<name>) so that nodes from one test never take another's pods.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ControllerContext } from "../../worker/controllers/reconciler.ts";
import { runSchedulingQueue, schedulerCache } from "../../worker/scheduler/index.ts";
import type { ClusterStore } from "../../worker/store/cluster-store.ts";
import type { K8s } from "./api-client.ts";
import { api, json } from "./api-client.ts";

let clusters = 0;

interface Cluster {
  path: string;
  stub: DurableObjectStub<ClusterStore>;
}

function newCluster(): Cluster {
  const name = `sched-${Date.now().toString(36)}-${clusters++}`;
  return { path: `/clusters/${name}`, stub: env.CLUSTER.get(env.CLUSTER.idFromName(name)) as DurableObjectStub<ClusterStore> };
}

interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
}

function nodeBody(name: string, o: NodeOptions = {}) {
  const allocatable = { cpu: o.cpu ?? "4", memory: o.memory ?? "8Gi", pods: o.pods ?? "110" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{ type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" }],
    },
  };
}

async function createNode(c: Cluster, name: string, o: NodeOptions = {}): Promise<void> {
  const body = nodeBody(name, o);
  const res = await api("POST", `${c.path}/api/v1/nodes`, { body });
  expect(res.status, await res.clone().text()).toBe(201);
  const created = await json(res);
  if (!created.status?.allocatable) {
    const put = await api("PUT", `${c.path}/api/v1/nodes/${name}/status`, { body: { ...created, status: body.status } });
    expect(put.status).toBe(200);
  }
}

interface PodOptions {
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  hostPort?: number;
  nodeSelector?: Record<string, string>;
  tolerations?: Record<string, unknown>[];
  affinity?: Record<string, unknown>;
  topologySpreadConstraints?: Record<string, unknown>[];
  ownerReferences?: Record<string, unknown>[];
}

function podBody(name: string, o: PodOptions = {}) {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}), ...(o.ownerReferences ? { ownerReferences: o.ownerReferences } : {}) },
    spec: {
      containers: [
        {
          name: "app",
          image: "nginx",
          ...(Object.keys(requests).length ? { resources: { requests } } : {}),
          ...(o.hostPort ? { ports: [{ containerPort: 80, hostPort: o.hostPort }] } : {}),
        },
      ],
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.topologySpreadConstraints ? { topologySpreadConstraints: o.topologySpreadConstraints } : {}),
    },
  };
}

async function createPod(c: Cluster, name: string, o: PodOptions = {}): Promise<void> {
  const res = await api("POST", `${c.path}/api/v1/namespaces/default/pods`, { body: podBody(name, o) });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** Runs alarms until none is due now (a later one, like the unschedulable flush, may stay armed). */
async function runAlarms(c: Cluster, times = 10): Promise<void> {
  for (let i = 0; i < times; i++) if (!(await runDurableObjectAlarm(c.stub))) return;
}

async function getPod(c: Cluster, name: string): Promise<K8s> {
  return json(await api("GET", `${c.path}/api/v1/namespaces/default/pods/${name}`));
}

async function nodeOf(c: Cluster, name: string): Promise<string | undefined> {
  return (await getPod(c, name)).spec?.nodeName as string | undefined;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

async function scheduledCondition(c: Cluster, name: string): Promise<Condition | undefined> {
  const pod = await getPod(c, name);
  return (pod.status?.conditions as Condition[] | undefined)?.find((x) => x.type === "PodScheduled");
}

interface EventLike {
  reason: string;
  message: string;
  type: string;
  count: number;
  involvedObject: { name: string; kind: string };
  source?: { component?: string };
}

async function eventsFor(c: Cluster, pod: string, reason: string): Promise<EventLike[]> {
  const list = await json(await api("GET", `${c.path}/api/v1/namespaces/default/events`));
  return ((list.items ?? []) as unknown as EventLike[]).filter((e) => e.involvedObject.name === pod && e.reason === reason);
}

async function expectUnschedulable(c: Cluster, pod: string, message: string): Promise<void> {
  expect(await nodeOf(c, pod)).toBeUndefined();
  expect(await scheduledCondition(c, pod)).toMatchObject({ status: "False", reason: "Unschedulable", message });
  const events = await eventsFor(c, pod, "FailedScheduling");
  expect(events.map((e) => e.message)).toContain(message);
  expect(events[0]).toMatchObject({ type: "Warning", source: { component: "default-scheduler" } });
}

/** The cluster object's controller context, to run one scheduling pass directly. */
function controlOf(store: ClusterStore): ControllerContext {
  return (store as unknown as { control: ControllerContext }).control;
}

async function boundNodes(c: Cluster): Promise<(string | undefined)[]> {
  return runInDurableObject(c.stub, (store: ClusterStore) => {
    const list = store.list("pods", "default", {});
    if (!list.ok) throw new Error(list.status.message);
    return list.value.items.map((p) => (p.spec as { nodeName?: string }).nodeName);
  });
}

const tally = (names: (string | undefined)[]) => {
  const counts: Record<string, number> = {};
  for (const n of names) counts[n ?? "<none>"] = (counts[n ?? "<none>"] ?? 0) + 1;
  return counts;
};

describe("scheduler through the API", () => {
  it("binds pods that fit, leaves the excess Pending with kube-scheduler's message, and retries when a node joins", async () => {
    const c = newCluster();
    await createNode(c, "n1", { cpu: "1" });
    await createNode(c, "n2", { cpu: "1" });
    for (const name of ["a", "b", "c"]) await createPod(c, name, { cpu: "600m" });
    await runAlarms(c);
    const placed = [await nodeOf(c, "a"), await nodeOf(c, "b")];
    expect(placed.sort()).toEqual(["n1", "n2"]);
    expect(await scheduledCondition(c, "a")).toMatchObject({ status: "True" });
    expect((await eventsFor(c, "a", "Scheduled"))[0]?.message).toMatch(/^Successfully assigned default\/a to n[12]$/);
    await expectUnschedulable(c, "c", "0/2 nodes are available: 2 Insufficient cpu.");

    // Nothing relevant changed: more alarms neither bind nor re-report it.
    await runAlarms(c);
    expect((await eventsFor(c, "c", "FailedScheduling"))[0].count).toBe(1);

    await createNode(c, "n3", { cpu: "1" });
    await runAlarms(c);
    expect(await nodeOf(c, "c")).toBe("n3");
    expect(await scheduledCondition(c, "c")).toMatchObject({ status: "True" });
  });

  it("retries a waiting pod when a bound pod is deleted", async () => {
    const c = newCluster();
    await createNode(c, "only", { cpu: "1" });
    await createPod(c, "first", { cpu: "800m" });
    await runAlarms(c);
    await createPod(c, "second", { cpu: "800m" });
    await runAlarms(c);
    await expectUnschedulable(c, "second", "0/1 nodes are available: 1 Insufficient cpu.");
    expect((await api("DELETE", `${c.path}/api/v1/namespaces/default/pods/first?gracePeriodSeconds=0`)).status).toBe(200);
    await runAlarms(c);
    expect(await nodeOf(c, "second")).toBe("only");
  });

  it("says so when the cluster has no nodes", async () => {
    const c = newCluster();
    await createPod(c, "lonely");
    await runAlarms(c);
    await expectUnschedulable(c, "lonely", "no nodes available to schedule pods");
  });

  it("honours nodeSelector, taints and tolerations, and cordoned nodes", async () => {
    const c = newCluster();
    const controlPlane = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };
    await createNode(c, "plain");
    await createNode(c, "ssd", { labels: { disk: "ssd" } });
    await createNode(c, "cp", { labels: { role: "cp" }, taints: [controlPlane] });
    await createNode(c, "cordoned", { labels: { role: "spare" }, unschedulable: true });
    await createPod(c, "wants-ssd", { nodeSelector: { disk: "ssd" } });
    await createPod(c, "tolerant", { nodeSelector: { role: "cp" }, tolerations: [{ key: controlPlane.key, operator: "Exists", effect: "NoSchedule" }] });
    await createPod(c, "intolerant", { nodeSelector: { role: "cp" } });
    await createPod(c, "wants-spare", { nodeSelector: { role: "spare" } });
    await createPod(c, "anywhere", { nodeSelector: { "kubernetes.io/hostname": "plain" } });
    await runAlarms(c);
    expect(await nodeOf(c, "wants-ssd")).toBe("ssd");
    expect(await nodeOf(c, "tolerant")).toBe("cp");
    expect(await nodeOf(c, "anywhere")).toBe("plain");
    await expectUnschedulable(
      c,
      "intolerant",
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector.",
    );
    await expectUnschedulable(
      c,
      "wants-spare",
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector.",
    );

    // Uncordoning is a relevant change: the waiting pod is retried.
    const uncordon = await api("PATCH", `${c.path}/api/v1/nodes/cordoned`, {
      body: { spec: { unschedulable: false } },
      contentType: "application/merge-patch+json",
    });
    expect(uncordon.status).toBe(200);
    await runAlarms(c);
    expect(await nodeOf(c, "wants-spare")).toBe("cordoned");
  });

  it("keeps host ports apart", async () => {
    const c = newCluster();
    await createNode(c, "h1");
    await createNode(c, "h2");
    for (const name of ["p1", "p2", "p3"]) await createPod(c, name, { hostPort: 8080 });
    await runAlarms(c);
    expect([await nodeOf(c, "p1"), await nodeOf(c, "p2")].sort()).toEqual(["h1", "h2"]);
    await expectUnschedulable(c, "p3", "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.");
  });

  it("spreads pods with required anti-affinity one per node", async () => {
    const c = newCluster();
    for (const n of ["x1", "x2", "x3"]) await createNode(c, n);
    const affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey: "kubernetes.io/hostname" }],
      },
    };
    for (const name of ["db-0", "db-1", "db-2", "db-3"]) await createPod(c, name, { labels: { app: "db" }, affinity });
    await runAlarms(c);
    const nodes = [await nodeOf(c, "db-0"), await nodeOf(c, "db-1"), await nodeOf(c, "db-2")];
    expect(nodes.sort()).toEqual(["x1", "x2", "x3"]);
    await expectUnschedulable(c, "db-3", "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.");
  });

  it("keeps zones within maxSkew with DoNotSchedule topology spread", async () => {
    const c = newCluster();
    await createNode(c, "a1", { labels: { "topology.kubernetes.io/zone": "a" } });
    await createNode(c, "a2", { labels: { "topology.kubernetes.io/zone": "a" } });
    await createNode(c, "a3", { labels: { "topology.kubernetes.io/zone": "a" } });
    await createNode(c, "b1", { labels: { "topology.kubernetes.io/zone": "b" }, cpu: "600m" });
    const constraint = { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "web" } } };
    const names = ["w0", "w1", "w2", "w3"];
    // b1 fits one of these; a fourth pod would make zone a lead by two.
    for (const name of names) await createPod(c, name, { labels: { app: "web" }, cpu: "500m", topologySpreadConstraints: [constraint] });
    await runAlarms(c);
    const placed = await Promise.all(names.map((n) => nodeOf(c, n)));
    const zones = tally(placed.map((n) => (n === undefined ? undefined : n.startsWith("a") ? "a" : "b")));
    expect(zones).toEqual({ a: 2, b: 1, "<none>": 1 });
    const pending = names[placed.indexOf(undefined)];
    await expectUnschedulable(c, pending, "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't match pod topology spread constraints.");
  });

  it("spreads replicas of one controller across nodes", async () => {
    const c = newCluster();
    for (const n of ["r1", "r2", "r3"]) await createNode(c, n);
    // Any object can be a controller owner; a ConfigMap keeps other controllers out of the way.
    const owner = await json(
      await api("POST", `${c.path}/api/v1/namespaces/default/configmaps`, { body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "owner" } } }),
    );
    const ownerReferences = [{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid, controller: true }];
    const names = Array.from({ length: 6 }, (_, i) => `rep-${i}`);
    for (const name of names) await createPod(c, name, { ownerReferences, cpu: "100m" });
    await runAlarms(c);
    const placed = await Promise.all(names.map((n) => nodeOf(c, n)));
    expect(tally(placed)).toEqual({ r1: 2, r2: 2, r3: 2 });
  });

  it("binds many pods per alarm run in one batch (1,000 pods on 100 nodes)", async () => {
    const c = newCluster();
    // Created and scheduled in one turn of the object, so no alarm fires in between.
    const first = await runInDurableObject(c.stub, (store: ClusterStore) => {
      for (let i = 0; i < 100; i++) {
        const outcome = store.create("nodes", undefined, nodeBody(`node-${i}`, { cpu: "32", memory: "128Gi" }), {});
        if (!outcome.ok) throw new Error(outcome.status.message);
      }
      for (let i = 0; i < 1000; i++) {
        const outcome = store.create("pods", "default", podBody(`bulk-${i}`, { cpu: "100m", memory: "128Mi" }), {});
        if (!outcome.ok) throw new Error(outcome.status.message);
      }
      const ctx = controlOf(store);
      const revision = ctx.log.revision;
      const stats = runSchedulingQueue(ctx, schedulerCache(ctx));
      return { stats, revisions: ctx.log.revision - revision };
    });
    expect(first.stats.bound).toBeGreaterThan(1);
    expect(first.stats.bound).toBe(first.stats.attempted);
    // One revision per binding plus one per Scheduled event.
    expect(first.revisions).toBe(2 * first.stats.bound);

    // The alarm is due at once, so workerd may fire it on its own as well; either way, wait until all are bound.
    const started = Date.now();
    let bound = 0;
    for (let i = 0; i < 200 && bound < 1000; i++) {
      if (!(await runDurableObjectAlarm(c.stub))) await new Promise((resolve) => setTimeout(resolve, 5));
      bound = (await boundNodes(c)).filter(Boolean).length;
    }
    const elapsed = Date.now() - started;
    const pods = await boundNodes(c);
    console.log(
      `scheduler: first run bound ${first.stats.bound} pods; the remaining ${1000 - first.stats.bound} on 100 nodes took ${elapsed} ms of alarms (incl. list checks)`,
    );
    expect(pods.every(Boolean)).toBe(true);
    // Near-equal scores tie after integer truncation and ties go at random, so the spread is only roughly even.
    const perNode = Object.values(tally(pods));
    expect(perNode.length).toBe(100);
    expect(Math.max(...perNode)).toBeLessThanOrEqual(20);
  });
});
