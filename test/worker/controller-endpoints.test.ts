// The endpoints controller through the HTTP API: Services and Pods are
// created as kubectl would, the test plays the kubelet by patching pod status
// (IP, Ready), alarms are driven explicitly, and the Endpoints are read back.
// The file has its own cluster object, and each test its own namespace.
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ClusterStore } from "../../worker/store/cluster-store.ts";
import type { K8s } from "./api-client.ts";
import { api, json } from "./api-client.ts";

const CLUSTER = `endpoints-${Date.now().toString(36)}`;
const BASE = `/clusters/${CLUSTER}`;
const stub = env.CLUSTER.get(env.CLUSTER.idFromName(CLUSTER)) as DurableObjectStub<ClusterStore>;
let namespaces = 0;

async function namespace(): Promise<string> {
  const name = `ep-${namespaces++}`;
  const res = await api("POST", `${BASE}/api/v1/namespaces`, { body: { apiVersion: "v1", kind: "Namespace", metadata: { name } } });
  expect(res.status, await res.clone().text()).toBe(201);
  return name;
}

/** Runs alarms until nothing is due now. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) if (!(await runDurableObjectAlarm(stub))) return;
}

interface PodOptions {
  labels?: Record<string, string>;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  hostname?: string;
  subdomain?: string;
}

async function createPod(ns: string, name: string, o: PodOptions = {}): Promise<K8s> {
  const body = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: o.labels ?? { app: "web" } },
    spec: {
      nodeName: "node-a",
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
      containers: [{ name: "app", image: "nginx", ...(o.ports ? { ports: o.ports } : {}) }],
    },
  };
  const res = await api("POST", `${BASE}/api/v1/namespaces/${ns}/pods`, { body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

/** Plays the kubelet: the pod runs with `ip` and is Ready or not. */
async function reportPod(ns: string, name: string, ip: string, ready: boolean): Promise<void> {
  const status = {
    phase: "Running",
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, "Z") }],
  };
  const res = await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/pods/${name}/status`, {
    body: { status },
    contentType: "application/merge-patch+json",
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function createService(ns: string, name: string, spec: Record<string, unknown>, labels?: Record<string, string>): Promise<void> {
  const body = { apiVersion: "v1", kind: "Service", metadata: { name, ...(labels ? { labels } : {}) }, spec };
  const res = await api("POST", `${BASE}/api/v1/namespaces/${ns}/services`, { body });
  expect(res.status, await res.clone().text()).toBe(201);
}

interface Address {
  ip: string;
  nodeName?: string;
  hostname?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}
interface Subset {
  addresses?: Address[];
  notReadyAddresses?: Address[];
  ports?: { name?: string; port: number; protocol: string }[];
}
interface EndpointsObject extends K8s {
  subsets?: Subset[];
}

async function getEndpoints(ns: string, name: string): Promise<{ status: number; body: EndpointsObject }> {
  const res = await api("GET", `${BASE}/api/v1/namespaces/${ns}/endpoints/${name}`);
  return { status: res.status, body: (await res.json()) as EndpointsObject };
}

/** Each subset as "ports | ready IPs | not-ready IPs", for compact comparisons. */
function summary(ep: EndpointsObject): string[] {
  return (ep.subsets ?? []).map((s) => {
    const ports = (s.ports ?? []).map((p) => `${p.name ?? ""}:${p.port}/${p.protocol}`).join(",");
    const ready = (s.addresses ?? []).map((a) => a.ip).join(",");
    const notReady = (s.notReadyAddresses ?? []).map((a) => a.ip).join(",");
    return `${ports} | ${ready} | ${notReady}`;
  });
}

const WEB_PORT = { name: "http", port: 80, targetPort: 8080 };

describe("endpoints controller", () => {
  it("lists ready pods as addresses and not-ready ones as notReadyAddresses, skipping pods without an IP", async () => {
    const ns = await namespace();
    await createService(ns, "web", { selector: { app: "web" }, ports: [WEB_PORT] }, { tier: "front" });
    const a = await createPod(ns, "a");
    await createPod(ns, "b");
    await createPod(ns, "c"); // never gets an IP
    await createPod(ns, "other", { labels: { app: "db" } });
    await reportPod(ns, "a", "10.1.0.2", true);
    await reportPod(ns, "b", "10.1.0.3", false);
    await reportPod(ns, "other", "10.1.0.9", true);
    await settle();

    const { status, body } = await getEndpoints(ns, "web");
    expect(status).toBe(200);
    expect(summary(body)).toEqual(["http:8080/TCP | 10.1.0.2 | 10.1.0.3"]);
    expect(body.subsets?.[0].addresses?.[0]).toEqual({
      ip: "10.1.0.2",
      nodeName: "node-a",
      targetRef: { kind: "Pod", namespace: ns, name: "a", uid: a.metadata.uid },
    });
    expect(body.metadata.labels).toEqual({ tier: "front", "endpoints.kubernetes.io/managed-by": "endpoint-controller" });
    expect(body.metadata.ownerReferences).toBeUndefined();
  });

  it("follows readiness flips, label changes and pod deletion, and writes nothing when nothing changed", async () => {
    const ns = await namespace();
    await createService(ns, "web", { selector: { app: "web" }, ports: [WEB_PORT] });
    for (const [name, ip] of [["a", "10.2.0.2"], ["b", "10.2.0.3"], ["c", "10.2.0.4"]]) {
      await createPod(ns, name);
      await reportPod(ns, name, ip, true);
    }
    await settle();
    expect(summary((await getEndpoints(ns, "web")).body)).toEqual(["http:8080/TCP | 10.2.0.2,10.2.0.3,10.2.0.4 | "]);

    await reportPod(ns, "b", "10.2.0.3", false);
    await settle();
    expect(summary((await getEndpoints(ns, "web")).body)).toEqual(["http:8080/TCP | 10.2.0.2,10.2.0.4 | 10.2.0.3"]);

    // Relabelled out of the selector.
    const relabel = await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/pods/c`, {
      body: { metadata: { labels: { app: "retired" } } },
      contentType: "application/merge-patch+json",
    });
    expect(relabel.status).toBe(200);
    await settle();
    expect(summary((await getEndpoints(ns, "web")).body)).toEqual(["http:8080/TCP | 10.2.0.2 | 10.2.0.3"]);

    // A bound pod being deleted is terminating at once and leaves the Endpoints before it is gone.
    expect((await api("DELETE", `${BASE}/api/v1/namespaces/${ns}/pods/a`)).status).toBe(200);
    await settle();
    expect(summary((await getEndpoints(ns, "web")).body)).toEqual(["http:8080/TCP |  | 10.2.0.3"]);

    // An annotation changes nothing the Endpoints show: no new revision.
    const before = (await getEndpoints(ns, "web")).body.metadata.resourceVersion;
    await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/pods/b`, {
      body: { metadata: { annotations: { note: "x" } } },
      contentType: "application/merge-patch+json",
    });
    await api("PATCH", `${BASE}/api/v1/namespaces/${ns}/services/web`, {
      body: { metadata: { annotations: { note: "x" } } },
      contentType: "application/merge-patch+json",
    });
    await settle();
    expect((await getEndpoints(ns, "web")).body.metadata.resourceVersion).toBe(before);
  });

  it("resolves named target ports per pod, splitting pods whose numbers differ into separate subsets", async () => {
    const ns = await namespace();
    await createService(ns, "api", {
      selector: { app: "web" },
      ports: [
        { name: "http", port: 80, targetPort: "web" },
        { name: "metrics", port: 9100, targetPort: 9100 },
      ],
    });
    await createPod(ns, "p8080", { ports: [{ name: "web", containerPort: 8080 }] });
    await createPod(ns, "p9090", { ports: [{ name: "web", containerPort: 9090 }] });
    await createPod(ns, "udp-only", { ports: [{ name: "web", containerPort: 7070, protocol: "UDP" }] });
    await reportPod(ns, "p8080", "10.3.0.2", true);
    await reportPod(ns, "p9090", "10.3.0.3", true);
    await reportPod(ns, "udp-only", "10.3.0.4", false);
    await settle();
    expect(summary((await getEndpoints(ns, "api")).body).sort()).toEqual([
      "http:8080/TCP | 10.3.0.2 | ",
      "http:9090/TCP | 10.3.0.3 | ",
      // The UDP port does not answer a TCP Service port by name; only the numbered one applies.
      "metrics:9100/TCP | 10.3.0.2,10.3.0.3 | 10.3.0.4",
    ]);
  });

  it("publishes not-ready (and terminating) pods as ready when the Service asks for it", async () => {
    const ns = await namespace();
    await createService(ns, "peers", { selector: { app: "web" }, ports: [WEB_PORT], publishNotReadyAddresses: true });
    await createPod(ns, "a");
    await createPod(ns, "b");
    await reportPod(ns, "a", "10.4.0.2", true);
    await reportPod(ns, "b", "10.4.0.3", false);
    await api("DELETE", `${BASE}/api/v1/namespaces/${ns}/pods/a`);
    await settle();
    expect(summary((await getEndpoints(ns, "peers")).body)).toEqual(["http:8080/TCP | 10.4.0.2,10.4.0.3 | "]);
  });

  it("gives headless Services port-less addresses with hostnames, and the headless label", async () => {
    const ns = await namespace();
    await createService(ns, "db", { selector: { app: "db" }, clusterIP: "None" });
    await createPod(ns, "db-0", { labels: { app: "db" }, hostname: "db-0", subdomain: "db" });
    await createPod(ns, "db-1", { labels: { app: "db" }, hostname: "db-1", subdomain: "elsewhere" });
    await reportPod(ns, "db-0", "10.5.0.2", true);
    await reportPod(ns, "db-1", "10.5.0.3", true);
    await settle();
    const { body } = await getEndpoints(ns, "db");
    expect(body.subsets).toHaveLength(1);
    expect(body.subsets?.[0].ports).toBeUndefined();
    expect(body.subsets?.[0].addresses?.map((a) => [a.ip, a.hostname])).toEqual([
      ["10.5.0.2", "db-0"],
      ["10.5.0.3", undefined],
    ]);
    expect(body.metadata.labels).toEqual({
      "endpoints.kubernetes.io/managed-by": "endpoint-controller",
      "service.kubernetes.io/headless": "",
    });
  });

  it("creates empty Endpoints for a Service nothing matches, recreates them when deleted, and deletes them with the Service", async () => {
    const ns = await namespace();
    await createService(ns, "empty", { selector: { app: "nothing" }, ports: [WEB_PORT] });
    await settle();
    const created = await getEndpoints(ns, "empty");
    expect(created.status).toBe(200);
    expect(created.body.subsets).toBeUndefined();

    expect((await api("DELETE", `${BASE}/api/v1/namespaces/${ns}/endpoints/empty`)).status).toBe(200);
    await settle();
    expect((await getEndpoints(ns, "empty")).status).toBe(200);

    expect((await api("DELETE", `${BASE}/api/v1/namespaces/${ns}/services/empty`)).status).toBe(200);
    await settle();
    expect((await getEndpoints(ns, "empty")).status).toBe(404);
  });

  it("leaves the Endpoints of selector-less Services to their users", async () => {
    const ns = await namespace();
    await createService(ns, "external", { ports: [{ port: 5432 }] });
    const manual = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "external" },
      subsets: [{ addresses: [{ ip: "192.0.2.10" }], ports: [{ port: 5432 }] }],
    };
    expect((await api("POST", `${BASE}/api/v1/namespaces/${ns}/endpoints`, { body: manual })).status).toBe(201);
    await createPod(ns, "stray");
    await reportPod(ns, "stray", "10.6.0.2", true);
    await settle();
    const { body } = await getEndpoints(ns, "external");
    expect(summary(body)).toEqual([":5432/TCP | 192.0.2.10 | "]);
    expect(body.metadata.labels).toBeUndefined();
  });

  // Alarms also fire on their own in workerd, so this cannot count runs; it shows one run is enough.
  it("updates the Endpoints with a single alarm run after the pod change", async () => {
    const ns = await namespace();
    await createService(ns, "fast", { selector: { app: "web" }, ports: [WEB_PORT] });
    await createPod(ns, "a");
    await settle();
    await reportPod(ns, "a", "10.7.0.2", true);
    await runDurableObjectAlarm(stub);
    expect(summary((await getEndpoints(ns, "fast")).body)).toEqual(["http:8080/TCP | 10.7.0.2 | "]);
  });
});
