// The node lifecycle controller through the HTTP API, the way KWOK simulates
// nodes: the test registers Nodes, renews (or backdates) their Leases, and
// plays the kubelet by patching statuses. Expiry is tested without waiting 40 s
// by creating Leases and heartbeats that are already old. The file has its own
// cluster object; each test uses its own node names and namespace.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ClusterStore } from "../../worker/store/cluster-store.ts";
import type { K8s } from "./api-client.ts";
import { api, json } from "./api-client.ts";

const CLUSTER = `node-lifecycle-${Date.now().toString(36)}`;
const BASE = `/clusters/${CLUSTER}`;
const stub = env.CLUSTER.get(env.CLUSTER.idFromName(CLUSTER)) as DurableObjectStub<ClusterStore>;
const LEASES = `${BASE}/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases`;
const MERGE = "application/merge-patch+json";
let namespaces = 0;

const ago = (seconds: number): Date => new Date(Date.now() - seconds * 1000);
const microTime = (d: Date): string => d.toISOString().replace("Z", "000Z");
const time = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, "Z");
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function namespace(): Promise<string> {
  const name = `nl-${namespaces++}`;
  const res = await api("POST", `${BASE}/api/v1/namespaces`, { body: { apiVersion: "v1", kind: "Namespace", metadata: { name } } });
  expect(res.status, await res.clone().text()).toBe(201);
  return name;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) if (!(await runDurableObjectAlarm(stub))) return;
}

/** Runs alarms until `check` passes (timers come due as real time passes), or fails after `ms`. */
async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await settle();
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

function readyCondition(status: "True" | "False", heartbeat: Date) {
  return {
    type: "Ready",
    status,
    reason: status === "True" ? "KubeletReady" : "KubeletNotReady",
    message: status === "True" ? "kubelet is posting ready status" : "container runtime is down",
    lastHeartbeatTime: time(heartbeat),
    lastTransitionTime: time(heartbeat),
  };
}

/** A node that last spoke `silentFor` seconds ago, through both its Lease and its Ready heartbeat. */
async function createNode(name: string, silentFor = 0, labels: Record<string, string> = {}): Promise<void> {
  const heartbeat = ago(silentFor);
  const node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...labels } },
    status: {
      capacity: { cpu: "4", memory: "8Gi", pods: "110" },
      conditions: [readyCondition("True", heartbeat)],
    },
  };
  const res = await api("POST", `${BASE}/api/v1/nodes`, { body: node });
  expect(res.status, await res.clone().text()).toBe(201);
  const lease = {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime(heartbeat) },
  };
  const leaseRes = await api("POST", LEASES, { body: lease });
  expect(leaseRes.status, await leaseRes.clone().text()).toBe(201);
}

async function renewLease(name: string): Promise<void> {
  const res = await api("PATCH", `${LEASES}/${name}`, { body: { spec: { renewTime: microTime(new Date()) } }, contentType: MERGE });
  expect(res.status).toBe(200);
}

async function postNodeReady(name: string, status: "True" | "False"): Promise<void> {
  const res = await api("PATCH", `${BASE}/api/v1/nodes/${name}/status`, {
    body: { status: { conditions: [readyCondition(status, new Date())] } },
    contentType: MERGE,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

interface PodOptions {
  tolerations?: Record<string, unknown>[];
  grace?: number;
  labels?: Record<string, string>;
}

/** A pod bound to `node`, running and Ready as its kubelet would report. */
async function createPod(ns: string, name: string, node: string, o: PodOptions = {}): Promise<K8s> {
  const body = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: o.labels ?? { app: name } },
    spec: {
      nodeName: node,
      containers: [{ name: "app", image: "nginx" }],
      terminationGracePeriodSeconds: o.grace ?? 1,
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
    },
  };
  const res = await api("POST", `${BASE}/api/v1/namespaces/${ns}/pods`, { body });
  expect(res.status, await res.clone().text()).toBe(201);
  const ip = `10.9.${namespaces}.${Math.floor(Math.random() * 200) + 2}`;
  const status = await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/pods/${name}/status`, {
    body: { status: { phase: "Running", podIP: ip, podIPs: [{ ip }], conditions: [{ type: "Ready", status: "True" }] } },
    // Merged by condition type, as the kubelet keeps conditions it does not own (the controller may already have run).
    contentType: "application/strategic-merge-patch+json",
  });
  expect(status.status).toBe(200);
  return json(status);
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface Taint {
  key: string;
  effect: string;
  timeAdded?: string;
}

async function getNode(name: string): Promise<K8s> {
  return json(await api("GET", `${BASE}/api/v1/nodes/${name}`));
}

const conditionOf = (object: K8s, type: string): Condition | undefined =>
  (object.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type);

const taintsOf = (node: K8s): string[] =>
  ((node.spec?.taints as Taint[] | undefined) ?? []).map((t) => `${t.key}:${t.effect}`).sort();

async function getPod(ns: string, name: string): Promise<{ status: number; body: K8s }> {
  const res = await api("GET", `${BASE}/api/v1/namespaces/${ns}/pods/${name}`);
  return { status: res.status, body: await json(res) };
}

interface EventLike {
  reason: string;
  message: string;
  type: string;
  involvedObject: { name: string; kind: string };
}

async function events(ns: string, name: string, reason: string): Promise<EventLike[]> {
  const list = await json(await api("GET", `${BASE}/api/v1/namespaces/${ns}/events`));
  return ((list.items ?? []) as unknown as EventLike[]).filter((e) => e.involvedObject.name === name && e.reason === reason);
}

const UNREACHABLE = ["node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule"];
const NOT_READY = ["node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/not-ready:NoSchedule"];

describe("node lifecycle controller", () => {
  it("marks a node whose heartbeat lapsed Unknown, taints it unreachable and marks its pods not ready", async () => {
    const ns = await namespace();
    await createNode("silent-1", 120);
    await createNode("alive-1");
    await createPod(ns, "web", "silent-1", { labels: { app: "web" } });
    await createPod(ns, "steady", "alive-1", { labels: { app: "web" } });
    const svc = { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } };
    expect((await api("POST", `${BASE}/api/v1/namespaces/${ns}/services`, { body: svc })).status).toBe(201);
    await settle();

    const silent = await getNode("silent-1");
    expect(conditionOf(silent, "Ready")).toMatchObject({
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
    });
    expect(conditionOf(silent, "MemoryPressure")).toMatchObject({ status: "Unknown", reason: "NodeStatusNeverUpdated" });
    expect(taintsOf(silent)).toEqual(UNREACHABLE);
    const noExecute = (silent.spec?.taints as Taint[]).find((t) => t.effect === "NoExecute");
    expect(noExecute?.timeAdded).toBeDefined();
    expect((await events("default", "silent-1", "NodeNotReady"))[0]?.message).toBe("Node silent-1 status is now: NodeNotReady");

    const alive = await getNode("alive-1");
    expect(conditionOf(alive, "Ready")?.status).toBe("True");
    expect(taintsOf(alive)).toEqual([]);

    // The pod stays (300 s default toleration) but no longer receives traffic.
    const pod = (await getPod(ns, "web")).body;
    expect(pod.metadata.deletionTimestamp).toBeUndefined();
    expect(conditionOf(pod, "Ready")?.status).toBe("False");
    expect((await events(ns, "web", "NodeNotReady"))[0]).toMatchObject({ type: "Warning", message: "Node is not ready" });
    const endpoints = await json(await api("GET", `${BASE}/api/v1/namespaces/${ns}/endpoints/web`));
    const subsets = (endpoints as unknown as { subsets?: { addresses?: unknown[]; notReadyAddresses?: unknown[] }[] }).subsets ?? [];
    expect(subsets.map((s) => [s.addresses?.length ?? 0, s.notReadyAddresses?.length ?? 0])).toEqual([[1, 1]]);
  });

  it("removes the taints once the node heartbeats and reports Ready again", async () => {
    await createNode("silent-2", 120);
    await settle();
    expect(taintsOf(await getNode("silent-2"))).toEqual(UNREACHABLE);

    await renewLease("silent-2");
    await postNodeReady("silent-2", "True");
    await settle();
    const node = await getNode("silent-2");
    expect(conditionOf(node, "Ready")?.status).toBe("True");
    expect(taintsOf(node)).toEqual([]);
  });

  it("taints a node that reports Ready=False as not-ready, and untaints it when it is Ready", async () => {
    await createNode("sick");
    await postNodeReady("sick", "False");
    await settle();
    expect(taintsOf(await getNode("sick"))).toEqual(NOT_READY);
    expect(conditionOf(await getNode("sick"), "Ready")?.status).toBe("False");

    await postNodeReady("sick", "True");
    await settle();
    expect(taintsOf(await getNode("sick"))).toEqual([]);
  });

  it("adds the unschedulable taint to a cordoned node and removes it when uncordoned", async () => {
    await createNode("cordoned");
    const cordon = (on: boolean) =>
      api("PATCH", `${BASE}/api/v1/nodes/cordoned`, { body: { spec: { unschedulable: on } }, contentType: MERGE });
    expect((await cordon(true)).status).toBe(200);
    await settle();
    expect(taintsOf(await getNode("cordoned"))).toEqual(["node.kubernetes.io/unschedulable:NoSchedule"]);
    expect((await cordon(false)).status).toBe(200);
    await settle();
    expect(taintsOf(await getNode("cordoned"))).toEqual([]);
  });

  it("evicts pods from an unreachable node as their tolerations expire, then force-deletes them", async () => {
    const ns = await namespace();
    await createNode("lost", 120);
    const unreachable = (seconds?: number) => [
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", ...(seconds === undefined ? {} : { tolerationSeconds: seconds }) },
    ];
    await createPod(ns, "now", "lost", { tolerations: unreachable(0), grace: 30 });
    await createPod(ns, "now-quick", "lost", { tolerations: unreachable(0) });
    const soonPod = await createPod(ns, "soon", "lost", { tolerations: unreachable(2) });
    const soon = (soonPod.metadata as { creationTimestamp?: string }).creationTimestamp ?? "";
    await createPod(ns, "patient", "lost");
    await createPod(ns, "forever", "lost", { tolerations: unreachable() });
    await settle();

    // DefaultTolerationSeconds gave the pod without tolerations 300 s.
    const patient = (await getPod(ns, "patient")).body;
    expect(patient.spec?.tolerations).toContainEqual({
      key: "node.kubernetes.io/unreachable",
      operator: "Exists",
      effect: "NoExecute",
      tolerationSeconds: 300,
    });

    // Evicted at once; with a 30 s grace period it is still terminating now.
    const evicted = (await getPod(ns, "now")).body;
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(conditionOf(evicted, "DisruptionTarget")).toMatchObject({ status: "True", reason: "DeletionByTaintManager" });
    expect((await events(ns, "now", "TaintManagerEviction"))[0]?.message).toBe(`Marking for deletion Pod ${ns}/now`);

    // Nobody on the node confirms deletions: the controller force-deletes once the 1 s grace period is over.
    await eventually(async () => expect((await getPod(ns, "now-quick")).status).toBe(404));
    await eventually(async () => expect((await getPod(ns, "soon")).status).toBe(404));
    // ... and "soon" was only evicted after its 2 s toleration (timestamps have whole seconds).
    const soonEviction = (await events(ns, "soon", "TaintManagerEviction"))[0] as EventLike & { firstTimestamp: string };
    expect(Date.parse(soonEviction.firstTimestamp) - Date.parse(soon)).toBeGreaterThanOrEqual(2000);

    await settle();
    for (const name of ["patient", "forever"]) {
      const pod = await getPod(ns, name);
      expect(pod.status).toBe(200);
      expect(pod.body.metadata.deletionTimestamp).toBeUndefined();
    }
  });

  it("evicts pods that do not tolerate a NoExecute taint added to a healthy node, leaving the deletion to its agent", async () => {
    const ns = await namespace();
    await createNode("dedicated");
    await createPod(ns, "guest", "dedicated", { grace: 30 });
    await createPod(ns, "owner", "dedicated", { tolerations: [{ key: "dedicated", operator: "Equal", value: "db", effect: "NoExecute" }] });
    await settle();
    const taint = await api("PATCH", `${BASE}/api/v1/nodes/dedicated`, {
      body: { spec: { taints: [{ key: "dedicated", value: "db", effect: "NoExecute" }] } },
      contentType: MERGE,
    });
    expect(taint.status).toBe(200);
    await settle();
    const guest = await getPod(ns, "guest");
    expect(guest.status).toBe(200);
    expect(guest.body.metadata.deletionTimestamp).toBeDefined();
    expect((await getPod(ns, "owner")).body.metadata.deletionTimestamp).toBeUndefined();
  });

  it("force-deletes the pods of a deleted node", async () => {
    const ns = await namespace();
    await createNode("gone");
    await createPod(ns, "orphan", "gone");
    await settle();
    expect((await api("DELETE", `${BASE}/api/v1/nodes/gone`)).status).toBe(200);
    await settle();
    expect((await getPod(ns, "orphan")).status).toBe(404);
  });

  // Needs the scheduler and the ReplicaSet controller registered alongside this controller.
  it("self-heals: a lost node's ReplicaSet pod is evicted, force-deleted and replaced on a healthy node", async () => {
    const ns = await namespace();
    // Other tests' nodes share this cluster: a node selector keeps the ReplicaSet on these two.
    const pool = { pool: "healing" };
    await createNode("doomed", 0, pool);
    const rs = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "healing" } },
        template: {
          metadata: { labels: { app: "healing" } },
          spec: {
            terminationGracePeriodSeconds: 1,
            nodeSelector: pool,
            tolerations: [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 1 }],
            containers: [{ name: "app", image: "nginx" }],
          },
        },
      },
    };
    expect((await api("POST", `${BASE}/apis/apps/v1/namespaces/${ns}/replicasets`, { body: rs })).status).toBe(201);
    const podsOn = async (node: string): Promise<K8s[]> => {
      const list = await json(await api("GET", `${BASE}/api/v1/namespaces/${ns}/pods?fieldSelector=spec.nodeName=${node}`));
      return list.items ?? [];
    };
    await eventually(async () => expect(await podsOn("doomed")).toHaveLength(1));
    await createNode("healthy", 0, pool);

    // The doomed node falls silent: its lease and heartbeat are two minutes old.
    const stale = microTime(ago(120));
    await api("PATCH", `${LEASES}/doomed`, { body: { spec: { renewTime: stale } }, contentType: MERGE });
    await api("PATCH", `${BASE}/api/v1/nodes/doomed/status`, {
      body: { status: { conditions: [readyCondition("True", ago(120))] } },
      contentType: MERGE,
    });
    await eventually(async () => {
      expect(await podsOn("doomed")).toHaveLength(0);
      const replaced = await podsOn("healthy");
      expect(replaced).toHaveLength(1);
      expect(replaced[0].metadata.deletionTimestamp).toBeUndefined();
    }, 8000);
    expect(taintsOf(await getNode("doomed"))).toEqual(UNREACHABLE);
  }, 20_000);

  it("keeps one timer per healthy node, due when its lease would lapse", async () => {
    await createNode("ticking");
    await settle();
    await renewLease("ticking");
    await settle();
    const lease = await json(await api("GET", `${LEASES}/ticking`));
    const renewed = Date.parse(lease.spec?.renewTime as string);
    const timers = await runInDurableObject(stub, (_instance, state) =>
      state.storage.sql
        .exec<{ due_at: number }>("SELECT due_at FROM timers WHERE kind = 'node-lifecycle' AND key = 'ticking'")
        .toArray(),
    );
    expect(timers).toHaveLength(1);
    // The earliest deadline is kept: no later than the renewed lease's, and never in the past.
    expect(timers[0].due_at).toBeLessThanOrEqual(renewed + 40_000);
    expect(timers[0].due_at).toBeGreaterThan(Date.now());
    expect(conditionOf(await getNode("ticking"), "Ready")?.status).toBe("True");
  });
});
