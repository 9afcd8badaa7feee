// Scheduler plugins as pure functions over plain Node and Pod objects.
import { describe, expect, it } from "vitest";
import { SchedulerCache } from "../../worker/scheduler/cache.ts";
import { prepareCycle } from "../../worker/scheduler/cycle-state.ts";
import {
  interPodAffinity,
  nodeAffinity,
  nodePorts,
  nodeReady,
  nodeResourcesFit,
  nodeUnschedulable,
  podTopologySpread,
  REASONS,
  taintToleration,
} from "../../worker/scheduler/filters.ts";
import { fitErrorMessage, NO_NODES_MESSAGE } from "../../worker/scheduler/fit-error.ts";
import { NodeState } from "../../worker/scheduler/node-state.ts";
import { podInfoOf } from "../../worker/scheduler/pod-info.ts";
import { numFeasibleNodesToFind, pickBest, scheduleOne } from "../../worker/scheduler/schedule-one.ts";
import { balancedAllocation, leastAllocated, ownerSpread, preferNoScheduleTaints, preferredNodeAffinity } from "../../worker/scheduler/scores.ts";
import type { KubeObject } from "../../worker/apimachinery/object.ts";

// ---- plain Node and Pod objects ----

interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  ready?: "True" | "False" | "Unknown";
}

function nodeObject(name: string, o: NodeOptions = {}): KubeObject {
  const allocatable = { cpu: o.cpu ?? "4", memory: o.memory ?? "8Gi", pods: o.pods ?? "110" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{ type: "Ready", status: o.ready ?? "True", reason: "KubeletReady", message: "kubelet is posting ready status" }],
    },
  };
}

interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  nodeName?: string;
  hostPort?: number;
  nodeSelector?: Record<string, string>;
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
  affinity?: Record<string, unknown>;
  topologySpreadConstraints?: Record<string, unknown>[];
  initContainers?: Record<string, unknown>[];
  owner?: { uid: string; name: string };
  priority?: number;
  phase?: string;
}

function podObject(name: string, o: PodOptions = {}): KubeObject {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: o.namespace ?? "default",
      uid: `uid-${name}`,
      creationTimestamp: "2025-01-01T00:00:00Z",
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: o.owner.name, uid: o.owner.uid, controller: true }] } : {}),
    },
    spec: {
      containers: [
        {
          name: "c",
          image: "nginx",
          ...(Object.keys(requests).length ? { resources: { requests } } : {}),
          ...(o.hostPort ? { ports: [{ containerPort: 80, hostPort: o.hostPort }] } : {}),
        },
      ],
      ...(o.initContainers ? { initContainers: o.initContainers } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.topologySpreadConstraints ? { topologySpreadConstraints: o.topologySpreadConstraints } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
    },
    ...(o.phase ? { status: { phase: o.phase } } : {}),
  };
}

function node(name: string, o: NodeOptions = {}): NodeState {
  const n = new NodeState(name);
  n.setNode(nodeObject(name, o));
  return n;
}

let seq = 0;
const pod = (name: string, o: PodOptions = {}) => podInfoOf(podObject(name, o), seq++);

function cacheWith(nodes: [string, NodeOptions][], bound: [string, PodOptions][] = []): SchedulerCache {
  const cache = new SchedulerCache();
  for (const [name, o] of nodes) cache.applyNode("ADDED", nodeObject(name, o));
  for (const [name, o] of bound) cache.applyPod("ADDED", podObject(name, o));
  return cache;
}

const emptyCycle = (cache = new SchedulerCache(), p = pod("x")) => prepareCycle(cache, p);

describe("pod requests", () => {
  it("counts init containers as max(sum of app containers, largest init container)", () => {
    const p = podInfoOf(
      {
        ...podObject("p"),
        spec: {
          containers: [
            { name: "a", resources: { requests: { cpu: "100m", memory: "64Mi" } } },
            { name: "b", resources: { requests: { cpu: "200m", memory: "64Mi" } } },
          ],
          initContainers: [
            { name: "i1", resources: { requests: { cpu: "500m", memory: "16Mi" } } },
            { name: "i2", resources: { requests: { cpu: "50m", memory: "100Mi" } } },
          ],
        },
      },
      0,
    );
    expect(p.cpu).toBe(500);
    expect(p.memory).toBe(128 * 1024 * 1024);
  });

  it("adds sidecars (restartable init containers) to the app containers and uses defaults only for scoring", () => {
    const p = podInfoOf(
      {
        ...podObject("p"),
        spec: {
          containers: [{ name: "a", resources: { requests: { cpu: "1" } } }],
          initContainers: [{ name: "s", restartPolicy: "Always", resources: { requests: { cpu: "250m" } } }],
        },
      },
      0,
    );
    expect(p.cpu).toBe(1250);
    expect(p.memory).toBe(0);
    expect(p.nonZeroMemory).toBe(2 * 200 * 1024 * 1024);
  });
});

describe("filters", () => {
  it("NodeResourcesFit reports every insufficient resource", () => {
    const n = node("n", { cpu: "1", memory: "1Gi", pods: "1" });
    n.addPod(pod("bound", { cpu: "800m", memory: "512Mi", nodeName: "n" }));
    expect(nodeResourcesFit.filter(pod("p", { cpu: "300m", memory: "600Mi" }), n, emptyCycle())).toEqual([
      REASONS.pods,
      REASONS.cpu,
      REASONS.memory,
    ]);
    const roomy = node("m", { cpu: "1", memory: "1Gi" });
    expect(nodeResourcesFit.filter(pod("p", { cpu: "1", memory: "1Gi" }), roomy, emptyCycle())).toBeUndefined();
  });

  it("NodeAffinity checks nodeSelector and required node affinity together", () => {
    const n = node("n", { labels: { disk: "ssd", zone: "a" } });
    expect(nodeAffinity.filter(pod("p", { nodeSelector: { disk: "ssd" } }), n, emptyCycle())).toBeUndefined();
    expect(nodeAffinity.filter(pod("p", { nodeSelector: { disk: "hdd" } }), n, emptyCycle())).toBe(REASONS.nodeAffinity);
    const required = (operator: string, values?: string[]) => ({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator, ...(values ? { values } : {}) }] }],
        },
      },
    });
    expect(nodeAffinity.filter(pod("p", { affinity: required("In", ["a", "b"]) }), n, emptyCycle())).toBeUndefined();
    expect(nodeAffinity.filter(pod("p", { affinity: required("NotIn", ["a"]) }), n, emptyCycle())).toBe(REASONS.nodeAffinity);
    expect(nodeAffinity.filter(pod("p", { affinity: required("DoesNotExist") }), n, emptyCycle())).toBe(REASONS.nodeAffinity);
    expect(nodeAffinity.filter(pod("p", { nodeSelector: { disk: "ssd" }, affinity: required("In", ["b"]) }), n, emptyCycle())).toBe(
      REASONS.nodeAffinity,
    );
  });

  it("TaintToleration names the first untolerated NoSchedule/NoExecute taint", () => {
    const n = node("n", {
      taints: [
        { key: "soft", effect: "PreferNoSchedule" },
        { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
        { key: "dedicated", value: "gpu", effect: "NoExecute" },
      ],
    });
    expect(taintToleration.filter(pod("p"), n, emptyCycle())).toBe("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }");
    const tolerations: NonNullable<PodOptions["tolerations"]> = [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }];
    expect(taintToleration.filter(pod("p", { tolerations }), n, emptyCycle())).toBe("node(s) had untolerated taint {dedicated: gpu}");
    tolerations.push({ key: "dedicated", operator: "Equal", value: "gpu" });
    expect(taintToleration.filter(pod("p", { tolerations }), n, emptyCycle())).toBeUndefined();
    expect(taintToleration.filter(pod("p", { tolerations: [{ operator: "Exists" }] }), n, emptyCycle())).toBeUndefined();
  });

  it("NodeUnschedulable and NodeReady reject cordoned and not-ready nodes unless tolerated", () => {
    const cordoned = node("n", { unschedulable: true });
    expect(nodeUnschedulable.filter(pod("p"), cordoned, emptyCycle())).toBe(REASONS.unschedulable);
    const tolerant = pod("p", { tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }] });
    expect(nodeUnschedulable.filter(tolerant, cordoned, emptyCycle())).toBeUndefined();
    expect(nodeReady.filter(pod("p"), node("n", { ready: "False" }), emptyCycle())).toBe(REASONS.notReady);
    expect(nodeReady.filter(pod("p"), node("n", { ready: "True" }), emptyCycle())).toBeUndefined();
  });

  it("NodePorts conflicts on the same protocol and port", () => {
    const n = node("n");
    n.addPod(pod("web", { hostPort: 8080, nodeName: "n" }));
    expect(nodePorts.filter(pod("p", { hostPort: 8080 }), n, emptyCycle())).toBe(REASONS.ports);
    expect(nodePorts.filter(pod("p", { hostPort: 8081 }), n, emptyCycle())).toBeUndefined();
    n.removePod(pod("web", { hostPort: 8080, nodeName: "n" }));
    expect(nodePorts.filter(pod("p", { hostPort: 8080 }), n, emptyCycle())).toBeUndefined();
  });

  it("InterPodAffinity: anti-affinity by hostname and zone, affinity, and existing pods' anti-affinity", () => {
    const cache = cacheWith(
      [
        ["a1", { labels: { "topology.kubernetes.io/zone": "a" } }],
        ["a2", { labels: { "topology.kubernetes.io/zone": "a" } }],
        ["b1", { labels: { "topology.kubernetes.io/zone": "b" } }],
      ],
      [["db", { labels: { app: "db" }, nodeName: "a1" }]],
    );
    const term = (topologyKey: string) => [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey }];
    const nodes = Object.fromEntries(cache.nodeList().map((n) => [n.name, n]));
    const antiHost = pod("p", { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term("kubernetes.io/hostname") } } });
    const c1 = prepareCycle(cache, antiHost);
    expect(interPodAffinity.filter(antiHost, nodes.a1, c1)).toBe(REASONS.antiAffinity);
    expect(interPodAffinity.filter(antiHost, nodes.a2, c1)).toBeUndefined();
    const antiZone = pod("p", { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term("topology.kubernetes.io/zone") } } });
    const c2 = prepareCycle(cache, antiZone);
    expect(interPodAffinity.filter(antiZone, nodes.a2, c2)).toBe(REASONS.antiAffinity);
    expect(interPodAffinity.filter(antiZone, nodes.b1, c2)).toBeUndefined();
    const withZone = pod("p", { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term("topology.kubernetes.io/zone") } } });
    const c3 = prepareCycle(cache, withZone);
    expect(interPodAffinity.filter(withZone, nodes.a2, c3)).toBeUndefined();
    expect(interPodAffinity.filter(withZone, nodes.b1, c3)).toBe(REASONS.affinity);
    // The first pod of a self-affine group may go anywhere.
    const first = pod("p", {
      labels: { app: "cache" },
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "cache" } }, topologyKey: "kubernetes.io/hostname" }] } },
    });
    expect(interPodAffinity.filter(first, nodes.b1, prepareCycle(cache, first))).toBeUndefined();
    // A bound pod's anti-affinity keeps matching pods away from its node.
    cache.applyPod(
      "ADDED",
      podObject("loner", {
        nodeName: "b1",
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" }] } },
      }),
    );
    const web = pod("w", { labels: { app: "web" } });
    const c4 = prepareCycle(cache, web);
    expect(interPodAffinity.filter(web, nodes.b1, c4)).toBe(REASONS.existingAntiAffinity);
    expect(interPodAffinity.filter(web, nodes.a1, c4)).toBeUndefined();
  });

  it("PodTopologySpread DoNotSchedule keeps the skew within maxSkew", () => {
    const labels = { app: "web" };
    const cache = cacheWith(
      [
        ["a1", { labels: { "topology.kubernetes.io/zone": "a" } }],
        ["b1", { labels: { "topology.kubernetes.io/zone": "b" } }],
        ["nozone", {}],
      ],
      [
        ["w1", { labels, nodeName: "a1" }],
        ["w2", { labels, nodeName: "a1" }],
        ["w3", { labels, nodeName: "b1" }],
      ],
    );
    const nodes = Object.fromEntries(cache.nodeList().map((n) => [n.name, n]));
    const p = pod("p", {
      labels,
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: labels } }],
    });
    const cycle = prepareCycle(cache, p);
    expect(podTopologySpread.filter(p, nodes.a1, cycle)).toBe(REASONS.spread);
    expect(podTopologySpread.filter(p, nodes.b1, cycle)).toBeUndefined();
    expect(podTopologySpread.filter(p, nodes.nozone, cycle)).toBe(REASONS.spreadLabel);
  });
});

describe("scores", () => {
  const scoresOf = (plugin: typeof leastAllocated, p: ReturnType<typeof pod>, nodes: NodeState[], cache = new SchedulerCache()) => {
    const out = new Float64Array(nodes.length);
    plugin.score(p, nodes, prepareCycle(cache, p), out);
    return [...out];
  };

  it("LeastAllocated prefers emptier nodes and BalancedAllocation even ones", () => {
    const busy = node("busy", { cpu: "2", memory: "4Gi" });
    busy.addPod(pod("b", { cpu: "1", memory: "2Gi", nodeName: "busy" }));
    const idle = node("idle", { cpu: "2", memory: "4Gi" });
    const p = pod("p", { cpu: "500m", memory: "1Gi" });
    const [b, i] = scoresOf(leastAllocated, p, [busy, idle]);
    expect(i).toBeGreaterThan(b);
    expect(i).toBe(75);
    const lopsided = node("l", { cpu: "2", memory: "4Gi" });
    lopsided.addPod(pod("c", { cpu: "1500m", memory: "100Mi", nodeName: "l" }));
    const [even, skewed] = scoresOf(balancedAllocation, p, [idle, lopsided]);
    expect(even).toBe(100);
    expect(skewed).toBeLessThan(even);
  });

  it("OwnerSpread favours nodes and zones with fewer pods of the same controller", () => {
    const cache = cacheWith(
      [
        ["a1", { labels: { "topology.kubernetes.io/zone": "a" } }],
        ["a2", { labels: { "topology.kubernetes.io/zone": "a" } }],
        ["b1", { labels: { "topology.kubernetes.io/zone": "b" } }],
      ],
      [["r1", { owner: { uid: "rs", name: "rs" }, nodeName: "a1" }]],
    );
    const p = pod("p", { owner: { uid: "rs", name: "rs" } });
    const [a1, a2, b1] = scoresOf(ownerSpread, p, cache.nodeList(), cache);
    expect(a1).toBe(0);
    expect(b1).toBe(100);
    expect(a2).toBeGreaterThan(a1);
    expect(a2).toBeLessThan(b1);
  });

  it("preferred node affinity and PreferNoSchedule taints normalize to 0-100", () => {
    const ssd = node("ssd", { labels: { disk: "ssd" } });
    const hdd = node("hdd", { labels: { disk: "hdd" }, taints: [{ key: "slow", effect: "PreferNoSchedule" }] });
    const p = pod("p", {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }] } }],
        },
      },
    });
    expect(scoresOf(preferredNodeAffinity, p, [ssd, hdd])).toEqual([100, 0]);
    expect(scoresOf(preferNoScheduleTaints, p, [ssd, hdd])).toEqual([100, 0]);
  });
});

describe("scheduling one pod", () => {
  it("formats the FailedScheduling message as kube-scheduler does", () => {
    expect(
      fitErrorMessage(
        3,
        new Map([
          ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }", 2],
          ["Insufficient cpu", 1],
        ]),
      ),
    ).toBe("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.");
  });

  it("counts each node's reasons and says so when there are no nodes", () => {
    expect(scheduleOne(new SchedulerCache(), pod("p"))).toMatchObject({ message: NO_NODES_MESSAGE });
    const cache = cacheWith([
      ["small", { cpu: "1" }],
      ["cp1", { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] }],
      ["cp2", { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] }],
    ]);
    expect(scheduleOne(cache, pod("p", { cpu: "2" }))).toMatchObject({
      message: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.",
    });
  });

  it("breaks ties at random and samples nodes on large clusters", () => {
    expect(pickBest(new Float64Array([5, 9, 9, 1]), () => 0.99)).toBe(1);
    expect(pickBest(new Float64Array([5, 9, 9, 1]), () => 0)).toBe(2);
    expect(numFeasibleNodesToFind(50)).toBe(50);
    expect(numFeasibleNodesToFind(1000)).toBe(420);
    expect(numFeasibleNodesToFind(5000)).toBe(500);
  });

  it("orders the queue by priority then arrival and tracks capacity as pods bind", () => {
    const cache = cacheWith([["n", { cpu: "1" }]]);
    cache.applyPod("ADDED", podObject("low", { cpu: "600m" }));
    cache.applyPod("ADDED", podObject("high", { cpu: "600m", priority: 1000 }));
    const first = cache.popActive();
    expect(first?.name).toBe("high");
    const result = scheduleOne(cache, first!);
    expect(result.node?.name).toBe("n");
    cache.assume(first!, "n", first!.object);
    const second = cache.popActive();
    expect(second?.name).toBe("low");
    expect(scheduleOne(cache, second!)).toMatchObject({ message: "0/1 nodes are available: 1 Insufficient cpu." });
    cache.markUnschedulable(second!);
    expect(cache.popActive()).toBeUndefined();
    // Deleting the bound pod frees the node and wakes the waiting one.
    expect(cache.applyPod("DELETED", podObject("high", { nodeName: "n" }))).toBe(true);
    expect(cache.moveAllToActive()).toBe(1);
    expect(cache.popActive()?.name).toBe("low");
  });
});

describe("throughput of the scheduling algorithm alone (no storage)", () => {
  it("schedules 3,000 replicas on 1,000 nodes in three zones (printed, not asserted)", () => {
    const cache = new SchedulerCache();
    for (let i = 0; i < 1000; i++) {
      cache.applyNode("ADDED", nodeObject(`n-${i}`, { cpu: "32", memory: "128Gi", labels: { "topology.kubernetes.io/zone": `z${i % 3}` } }));
    }
    for (let i = 0; i < 3000; i++) {
      cache.applyPod("ADDED", podObject(`p-${i}`, { cpu: "100m", memory: "100Mi", owner: { uid: `rs-${i % 10}`, name: `rs-${i % 10}` } }));
    }
    const started = performance.now();
    let bound = 0;
    for (let pod = cache.popActive(); pod; pod = cache.popActive()) {
      const result = scheduleOne(cache, pod);
      if (!result.node) continue;
      cache.assume(pod, result.node.name, pod.object);
      bound++;
    }
    const ms = performance.now() - started;
    console.log(`scheduler algorithm: ${bound} pods on 1000 nodes in ${ms.toFixed(0)} ms (${Math.round((bound / ms) * 1000)} pods/s)`);
    expect(bound).toBe(3000);
  });
});
