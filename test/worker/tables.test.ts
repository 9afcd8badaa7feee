import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../worker/apimachinery/object.ts";
import { findResource } from "../../worker/apimachinery/registry.ts";
import type { ResourceType } from "../../worker/apimachinery/registry.ts";
import { humanDuration } from "../../worker/api/tables/age.ts";
import {
  TABLE_CONTENT_TYPE,
  renderTable,
  renderTableRowEvent,
  wantsTable,
} from "../../worker/api/tables/table.ts";

const NOW = Date.parse("2025-06-01T12:00:00Z");
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();
const res = (group: string, plural: string): ResourceType => {
  const r = findResource(group, plural);
  if (!r) throw new Error(`no resource ${plural}`);
  return r;
};

function cellsOf(group: string, plural: string, o: KubeObject): unknown[] {
  return renderTable(res(group, plural), [o], { resourceVersion: "1", now: NOW }).rows[0].cells;
}
const headers = (group: string, plural: string): string[] =>
  renderTable(res(group, plural), [], { resourceVersion: "1" }).columnDefinitions.map(
    (c) => `${c.name.toUpperCase()}${c.priority ? "*" : ""}`,
  );

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, meta: Partial<KubeObject["metadata"]> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default", creationTimestamp: ago(65), ...meta },
    spec: { containers: [{ name: "a" }], ...spec },
    status,
  };
}
const podStatus = (o: KubeObject): unknown => cellsOf("", "pods", o)[2];

describe("humanDuration", () => {
  it.each([
    [-5, "<invalid>"],
    [-1, "0s"],
    [45, "45s"],
    [119, "119s"],
    [120, "2m"],
    [303, "5m3s"],
    [600, "10m"],
    [95 * 60, "95m"],
    [3 * 3600 + 5 * 60, "3h5m"],
    [4 * 3600, "4h"],
    [30 * 3600, "30h"],
    [3 * 86400 + 5 * 3600, "3d5h"],
    [3 * 86400, "3d"],
    [400 * 86400, "400d"],
    [(2 * 365 + 100) * 86400, "2y100d"],
    [3 * 365 * 86400, "3y"],
    [9 * 365 * 86400 + 86400, "9y"],
  ])("%is -> %s", (s, want) => {
    expect(humanDuration(s * 1000)).toBe(want);
  });
});

describe("renderTable", () => {
  it("builds a meta.k8s.io/v1 Table with metadata rows", () => {
    const o = pod({}, { phase: "Pending" }, { labels: { app: "web" } });
    const t = renderTable(res("", "pods"), [o], { resourceVersion: "42", continue: "abc", now: NOW });
    expect(t.kind).toBe("Table");
    expect(t.apiVersion).toBe("meta.k8s.io/v1");
    expect(t.metadata).toEqual({ resourceVersion: "42", continue: "abc" });
    expect(t.columnDefinitions[0]).toMatchObject({ name: "Name", type: "string", format: "name", priority: 0 });
    expect(t.rows[0].object).toEqual({ kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata });
    expect(t.rows[0].cells).toEqual(["p", "0/1", "Pending", "0", "65s", "<none>", "<none>", "<none>", "<none>"]);
  });

  it("has Kubernetes' columns for every kind (* = wide only)", () => {
    expect(headers("", "pods")).toEqual(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP*", "NODE*", "NOMINATED NODE*", "READINESS GATES*"]);
    expect(headers("apps", "deployments")).toEqual(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS*", "IMAGES*", "SELECTOR*"]);
    expect(headers("apps", "replicasets")).toEqual(["NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS*", "IMAGES*", "SELECTOR*"]);
    expect(headers("", "services")).toEqual(["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR*"]);
    expect(headers("", "nodes")).toEqual([
      "NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP*", "EXTERNAL-IP*", "OS-IMAGE*", "KERNEL-VERSION*", "CONTAINER-RUNTIME*",
    ]);
    expect(headers("", "namespaces")).toEqual(["NAME", "STATUS", "AGE"]);
    expect(headers("", "configmaps")).toEqual(["NAME", "DATA", "AGE"]);
    expect(headers("", "secrets")).toEqual(["NAME", "TYPE", "DATA", "AGE"]);
    expect(headers("", "serviceaccounts")).toEqual(["NAME", "SECRETS", "AGE"]);
    expect(headers("", "endpoints")).toEqual(["NAME", "ENDPOINTS", "AGE"]);
    expect(headers("", "events")).toEqual([
      "LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT*", "SOURCE*", "MESSAGE", "FIRST SEEN*", "COUNT*", "NAME*",
    ]);
    expect(headers("coordination.k8s.io", "leases")).toEqual(["NAME", "HOLDER", "AGE"]);
  });

  it("prints <unknown> age without a timestamp", () => {
    const ns: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "x" }, status: { phase: "Terminating" } };
    expect(cellsOf("", "namespaces", ns)).toEqual(["x", "Terminating", "<unknown>"]);
  });
});

describe("pod printer", () => {
  it("counts ready containers and recent restarts", () => {
    const o = pod(
      { containers: [{ name: "a" }, { name: "b" }] },
      {
        phase: "Running",
        podIPs: [{ ip: "10.0.0.9" }],
        conditions: [{ type: "Ready", status: "False" }],
        containerStatuses: [
          { name: "a", ready: true, restartCount: 3, state: { running: {} }, lastState: { terminated: { finishedAt: ago(300) } } },
          { name: "b", ready: false, restartCount: 0, state: { waiting: { reason: "CrashLoopBackOff" } } },
        ],
      },
    );
    expect(cellsOf("", "pods", o).slice(0, 6)).toEqual(["p", "1/2", "CrashLoopBackOff", "3 (5m ago)", "65s", "10.0.0.9"]);
  });

  it("shows Running, ContainerCreating, ErrImagePull and Completed", () => {
    const running = { name: "a", ready: true, restartCount: 0, state: { running: {} } };
    expect(podStatus(pod({}, { phase: "Running", containerStatuses: [running] }))).toBe("Running");
    expect(
      podStatus(pod({}, { phase: "Pending", containerStatuses: [{ name: "a", state: { waiting: { reason: "ContainerCreating" } } }] })),
    ).toBe("ContainerCreating");
    expect(podStatus(pod({}, { phase: "Pending", containerStatuses: [{ name: "a", state: { waiting: { reason: "ErrImagePull" } } }] }))).toBe(
      "ErrImagePull",
    );
    const done = pod({}, { phase: "Succeeded", containerStatuses: [{ name: "a", state: { terminated: { exitCode: 0, reason: "Completed" } } }] });
    expect(podStatus(done)).toBe("Completed");
    expect(renderTable(res("", "pods"), [done], { resourceVersion: "1", now: NOW }).rows[0].conditions).toEqual([
      { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
    ]);
    expect(podStatus(pod({}, { phase: "Failed", containerStatuses: [{ name: "a", state: { terminated: { exitCode: 2 } } }] }))).toBe("ExitCode:2");
    expect(podStatus(pod({}, { phase: "Failed", containerStatuses: [{ name: "a", state: { terminated: { signal: 9 } } }] }))).toBe("Signal:9");
  });

  it("turns Completed back into Running while another container runs", () => {
    const o = pod(
      { containers: [{ name: "a" }, { name: "b" }] },
      {
        phase: "Running",
        conditions: [{ type: "Ready", status: "True" }],
        containerStatuses: [
          { name: "a", ready: true, state: { running: {} } },
          { name: "b", ready: false, state: { terminated: { exitCode: 0, reason: "Completed" } } },
        ],
      },
    );
    expect(cellsOf("", "pods", o).slice(1, 3)).toEqual(["1/2", "Running"]);
  });

  it("reports init containers", () => {
    const inits = { initContainers: [{ name: "i1" }, { name: "i2" }] };
    const initDone = { name: "i1", state: { terminated: { exitCode: 0 } } };
    expect(podStatus(pod(inits, { phase: "Pending", initContainerStatuses: [initDone, { name: "i2", state: { running: {} } }] }))).toBe(
      "Init:1/2",
    );
    expect(
      podStatus(pod(inits, { phase: "Pending", initContainerStatuses: [{ name: "i1", state: { terminated: { exitCode: 1, reason: "Error" } } }] })),
    ).toBe("Init:Error");
    expect(
      podStatus(pod(inits, { phase: "Pending", initContainerStatuses: [{ name: "i1", state: { waiting: { reason: "CrashLoopBackOff" } } }] })),
    ).toBe("Init:CrashLoopBackOff");
    expect(
      podStatus(pod(inits, { phase: "Pending", initContainerStatuses: [{ name: "i1", state: { terminated: { exitCode: 3 } } }] })),
    ).toBe("Init:ExitCode:3");
  });

  it("counts sidecar init containers as containers", () => {
    const o = pod(
      { initContainers: [{ name: "side", restartPolicy: "Always" }] },
      {
        phase: "Running",
        initContainerStatuses: [{ name: "side", started: true, ready: true, restartCount: 1, state: { running: {} } }],
        containerStatuses: [{ name: "a", ready: true, state: { running: {} } }],
      },
    );
    expect(cellsOf("", "pods", o).slice(1, 4)).toEqual(["2/2", "Running", "1"]);
  });

  it("shows Terminating, Unknown, NodeLost and reasons", () => {
    expect(podStatus(pod({}, { phase: "Running" }, { deletionTimestamp: ago(1) }))).toBe("Terminating");
    expect(podStatus(pod({}, { phase: "Succeeded" }, { deletionTimestamp: ago(1) }))).toBe("Succeeded");
    expect(podStatus(pod({}, { phase: "Running", reason: "NodeLost" }))).toBe("NodeLost");
    expect(podStatus(pod({}, { phase: "Running", reason: "NodeLost" }, { deletionTimestamp: ago(1) }))).toBe("Unknown");
    expect(podStatus(pod({}, { phase: "Failed", reason: "Evicted" }))).toBe("Evicted");
    expect(
      podStatus(pod({}, { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] })),
    ).toBe("SchedulingGated");
  });

  it("fills the wide columns", () => {
    const o = pod(
      { nodeName: "n1", readinessGates: [{ conditionType: "x" }, { conditionType: "y" }] },
      { phase: "Running", podIP: "10.0.0.1", nominatedNodeName: "n2", conditions: [{ type: "x", status: "True" }] },
    );
    expect(cellsOf("", "pods", o).slice(5)).toEqual(["10.0.0.1", "n1", "n2", "1/2"]);
  });
});

describe("other printers", () => {
  it("deployments and replicasets", () => {
    const template = { spec: { containers: [{ name: "main", image: "nginx:1.27" }, { name: "side", image: "busybox" }] } };
    const d: KubeObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", creationTimestamp: ago(3 * 3600 + 300) },
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(cellsOf("apps", "deployments", d)).toEqual(["web", "2/3", 3, 2, "3h5m", "main,side", "nginx:1.27,busybox", "app=web"]);
    const rs: KubeObject = { ...d, kind: "ReplicaSet", spec: { selector: { matchLabels: { app: "web" } }, template }, status: { replicas: 1 } };
    expect(cellsOf("apps", "replicasets", rs)).toEqual(["web", 1, 1, 0, "3h5m", "main,side", "nginx:1.27,busybox", "app=web"]);
  });

  it("services", () => {
    const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s", creationTimestamp: ago(10) },
      spec,
      status,
    });
    expect(cellsOf("", "services", svc({ clusterIP: "10.96.0.1", clusterIPs: ["10.96.0.1"], ports: [{ port: 80, protocol: "TCP" }], selector: { b: "2", a: "1" } }))).toEqual([
      "s", "ClusterIP", "10.96.0.1", "<none>", "80/TCP", "10s", "a=1,b=2",
    ]);
    expect(cellsOf("", "services", svc({ type: "NodePort", clusterIP: "10.96.0.2", ports: [{ port: 80, nodePort: 30080 }, { port: 53, protocol: "UDP" }] })).slice(1, 5)).toEqual([
      "NodePort", "10.96.0.2", "<none>", "80:30080/TCP,53/UDP",
    ]);
    expect(cellsOf("", "services", svc({ type: "LoadBalancer", clusterIP: "10.96.0.3" })).slice(3, 5)).toEqual(["<pending>", "<none>"]);
    expect(cellsOf("", "services", svc({ type: "LoadBalancer" }, { loadBalancer: { ingress: [{ ip: "1.2.3.4" }, { hostname: "lb.example" }] } }))[3]).toBe(
      "1.2.3.4,lb.example",
    );
    expect(cellsOf("", "services", svc({ type: "ExternalName", externalName: "db.example" })).slice(2, 4)).toEqual(["<none>", "db.example"]);
  });

  it("endpoints", () => {
    const ep = (subsets: unknown): KubeObject => ({ apiVersion: "v1", kind: "Endpoints", metadata: { name: "e" }, subsets });
    expect(cellsOf("", "endpoints", ep([]))[1]).toBe("<none>");
    expect(cellsOf("", "endpoints", ep([{ addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }], ports: [{ port: 80 }] }]))[1]).toBe(
      "10.0.0.1:80,10.0.0.2:80",
    );
    const four = [{ addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }, { ip: "10.0.0.3" }, { ip: "10.0.0.4" }], ports: [{ port: 80 }] }];
    expect(cellsOf("", "endpoints", ep(four))[1]).toBe("10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...");
    expect(cellsOf("", "endpoints", ep([{ addresses: [{ ip: "fd00::1" }], ports: [{ port: 80 }] }]))[1]).toBe("[fd00::1]:80");
  });

  it("nodes", () => {
    const node: KubeObject = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "n1", creationTimestamp: ago(30 * 3600), labels: { "node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/worker": "" } },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: "Ready", status: "True" }],
        addresses: [{ type: "InternalIP", address: "192.168.0.2" }],
        nodeInfo: { kubeletVersion: "v1.32.4", osImage: "Ubuntu", kernelVersion: "6.8", containerRuntimeVersion: "containerd://2.0" },
      },
    };
    expect(cellsOf("", "nodes", node)).toEqual([
      "n1", "Ready,SchedulingDisabled", "control-plane,worker", "30h", "v1.32.4", "192.168.0.2", "<none>", "Ubuntu", "6.8", "containerd://2.0",
    ]);
    const bare: KubeObject = { apiVersion: "v1", kind: "Node", metadata: { name: "n2" }, status: { conditions: [{ type: "Ready", status: "Unknown" }] } };
    expect(cellsOf("", "nodes", bare).slice(1, 3)).toEqual(["NotReady", "<none>"]);
    expect(cellsOf("", "nodes", { ...bare, status: {} })[1]).toBe("Unknown");
  });

  it("configmaps, secrets, serviceaccounts, leases", () => {
    const meta = { name: "x", creationTimestamp: ago(5 * 86400) };
    expect(cellsOf("", "configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: meta, data: { a: "1", b: "2" }, binaryData: { c: "" } })).toEqual(["x", 3, "5d"]);
    expect(cellsOf("", "secrets", { apiVersion: "v1", kind: "Secret", metadata: meta, type: "kubernetes.io/tls", data: { a: "", b: "" } })).toEqual([
      "x", "kubernetes.io/tls", 2, "5d",
    ]);
    expect(cellsOf("", "serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: meta })).toEqual(["x", 0, "5d"]);
    expect(cellsOf("coordination.k8s.io", "leases", { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: meta, spec: { holderIdentity: "n1" } })).toEqual([
      "x", "n1", "5d",
    ]);
  });

  it("events", () => {
    const ev: KubeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "p.123", namespace: "default" },
      involvedObject: { kind: "Pod", name: "p", fieldPath: "spec.containers{a}" },
      reason: "Pulled",
      message: " Pulled image \n",
      type: "Normal",
      source: { component: "kubelet", host: "n1" },
      firstTimestamp: ago(600),
      lastTimestamp: ago(30),
      count: 4,
    };
    expect(cellsOf("", "events", ev)).toEqual([
      "30s", "Normal", "Pulled", "pod/p", "spec.containers{a}", "kubelet, n1", "Pulled image", "10m", 4, "p.123",
    ]);
    const modern: KubeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "e" },
      involvedObject: { kind: "Node" },
      eventTime: ago(90),
      reportingComponent: "scheduler",
    };
    const cells = cellsOf("", "events", modern);
    expect([cells[0], cells[3], cells[5], cells[7], cells[8]]).toEqual(["90s", "node", "scheduler", "90s", 1]);
  });
});

describe("watch rows and negotiation", () => {
  it("renders one-row tables at the object's resourceVersion", () => {
    const o = pod({}, { phase: "Running" }, { resourceVersion: "17" });
    const t = renderTableRowEvent(res("", "pods"), o, { now: NOW });
    expect(t.metadata).toEqual({ resourceVersion: "17" });
    expect(t.rows).toHaveLength(1);
    expect(t.columnDefinitions.length).toBeGreaterThan(0);
    expect(renderTableRowEvent(res("", "pods"), o, { includeColumnDefinitions: false }).columnDefinitions).toEqual([]);
  });

  it("wants a Table only when it comes first among servable types", () => {
    expect(
      wantsTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"),
    ).toBe(true);
    expect(wantsTable("application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io")).toBe(true);
    expect(wantsTable("application/json")).toBe(false);
    expect(wantsTable("*/*")).toBe(false);
    expect(wantsTable("")).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
    expect(wantsTable("application/json, application/json;as=Table;v=v1;g=meta.k8s.io")).toBe(false);
    expect(wantsTable("application/json; as=Table; g=meta.k8s.io; v=v1")).toBe(true);
    expect(TABLE_CONTENT_TYPE).toBe("application/json;as=Table;v=v1;g=meta.k8s.io");
  });
});
