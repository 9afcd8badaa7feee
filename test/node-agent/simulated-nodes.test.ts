// Hollow nodes (kubeflare-agent --simulate, a test tool) against a real local
// control plane: they join, register Ready nodes with Leases, get a
// Deployment's pods bound by the scheduler, report them Running and Ready
// with IPs from their podCIDRs, and confirm their deletion.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lease, Node, Pod } from "../../worker/schema/kinds.ts";
import { startFleet } from "../../node-agent/simulate/fleet.ts";
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
