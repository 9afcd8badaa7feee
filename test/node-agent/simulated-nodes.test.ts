// Hollow nodes (kubeflare-agent --simulate, a test tool) against a real local
// control plane: they join, register Ready nodes with Leases, get a
// Deployment's pods bound by the scheduler, report them Running and Ready
// with IPs from their podCIDRs, and confirm their deletion.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lease, Node, Pod } from "../../worker/schema/kinds.ts";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../../node-agent/log.ts";
import { startFleet } from "../../node-agent/simulate/fleet.ts";
import { startSimulatedAgent } from "../../node-agent/simulate/simulated-agent.ts";
import type { Fleet } from "../../node-agent/simulate/fleet.ts";
import { startLocalCluster } from "./control-plane-harness.ts";
import type { LocalCluster } from "./control-plane-harness.ts";
import { waitFor } from "./harness.ts";

let cluster: LocalCluster;
let fleet: Fleet;
const NODES = 3;
const REPLICAS = 9;

beforeAll(async () => {
  cluster = await startLocalCluster();
  fleet = await startFleet({ server: cluster.server, joinToken: cluster.joinToken, nodes: NODES, prefix: "sim-test-", insecureSkipTlsVerify: true, leaseMs: 2000 });
});

afterAll(async () => {
  fleet?.stop();
  await cluster?.stop();
});

function inCidr(ip: string, cidr: string): boolean {
  // The allocator hands out /24s, so the first three octets decide.
  return cidr.endsWith("/24") && ip.split(".").slice(0, 3).join(".") === cidr.split("/")[0].split(".").slice(0, 3).join(".");
}

describe("simulated nodes", () => {
  it("register Ready nodes with a podCIDR and renew their Leases", async () => {
    const nodes = await cluster.admin.json<{ items: Node[] }>("GET", "/api/v1/nodes?labelSelector=kubeflare.dev%2Fsimulated%3Dtrue");
    expect(nodes.items.map((n) => n.metadata.name).sort()).toEqual(fleet.names.slice().sort());
    for (const node of nodes.items) {
      expect(node.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
      expect(node.spec?.podCIDR).toMatch(/\/24$/);
    }
    const first = await cluster.admin.json<Lease>("GET", `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${fleet.names[0]}`);
    await waitFor("a renewed Lease", async () => {
      const now = await cluster.admin.json<Lease>("GET", `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${fleet.names[0]}`);
      return now.spec?.renewTime !== first.spec?.renewTime;
    }, 10_000, 250);
  });

  it("run a Deployment's pods to Running and Ready, and confirm their deletion", async () => {
    const labels = { app: "sim-web" };
    await cluster.admin.json("POST", "/apis/apps/v1/namespaces/default/deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "sim-web" },
      spec: { replicas: REPLICAS, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "example/web:1" }] } } },
    });
    const nodes = new Map((await cluster.admin.json<{ items: Node[] }>("GET", "/api/v1/nodes")).items.map((n) => [n.metadata.name ?? "", n.spec?.podCIDR ?? ""]));
    const pods = await waitFor("all pods Ready", async () => {
      const list = await cluster.admin.json<{ items: Pod[] }>("GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dsim-web");
      const ready = list.items.filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
      return ready.length === REPLICAS ? ready : undefined;
    }, 30_000, 250);
    for (const pod of pods) {
      expect(pod.status?.phase).toBe("Running");
      const node = pod.spec?.nodeName ?? "";
      expect(fleet.names).toContain(node);
      expect(inCidr(pod.status?.podIP ?? "", nodes.get(node) ?? "")).toBe(true);
    }
    // The scheduler spreads replicas: every node got some.
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBe(NODES);

    await cluster.admin.json("DELETE", "/apis/apps/v1/namespaces/default/deployments/sim-web", { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Foreground" });
    await waitFor("pods gone", async () => {
      const list = await cluster.admin.json<{ items: Pod[] }>("GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dsim-web");
      return list.items.length === 0;
    }, 30_000, 250);
    expect(fleet.stats.deletionsConfirmed).toBeGreaterThanOrEqual(REPLICAS);
  });
});

describe("the real agent on the simulated runtime (--runtime simulated)", () => {
  it("runs a pod bound to it to Running and Ready with an IP from its podCIDR", async () => {
    const stateDir = await mkdtemp(join(tmpdir(), "kf-sim-agent-"));
    const agent = await startSimulatedAgent({
      server: cluster.server, joinToken: cluster.joinToken, nodeName: "sim-agent-test", dockerHost: "unix:///nonexistent", stateDir,
      labels: {}, maxPods: 110, allowPrivileged: false, insecureSkipTlsVerify: true, verbose: false,
    } as Parameters<typeof startSimulatedAgent>[0], silentLogger);
    try {
      const node = await cluster.admin.json<Node>("GET", "/api/v1/nodes/sim-agent-test");
      await cluster.admin.json("POST", "/api/v1/namespaces/default/pods", {
        apiVersion: "v1", kind: "Pod", metadata: { name: "sim-agent-pod" },
        spec: { nodeName: "sim-agent-test", terminationGracePeriodSeconds: 1, containers: [{ name: "main", image: "example/app:1" }] },
      });
      const pod = await waitFor("the pod Ready", async () => {
        const p = await cluster.admin.json<Pod>("GET", "/api/v1/namespaces/default/pods/sim-agent-pod");
        return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ? p : undefined;
      }, 30_000, 250);
      expect(pod.status?.phase).toBe("Running");
      expect(inCidr(pod.status?.podIP ?? "", node.spec?.podCIDR ?? "")).toBe(true);
      await cluster.admin.json("DELETE", "/api/v1/namespaces/default/pods/sim-agent-pod");
      await waitFor("the pod gone", async () => (await cluster.admin.call("GET", "/api/v1/namespaces/default/pods/sim-agent-pod")).status === 404, 30_000, 250);
    } finally {
      await agent.stop();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
