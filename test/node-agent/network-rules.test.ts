// Rule generation for the service proxy: pure functions, no kernel.
import { describe, expect, it } from "vitest";
import { allRoutes, serviceRoutes } from "../../node-agent/network/service-proxy/model.ts";
import { buildRules, teardownRules } from "../../node-agent/network/service-proxy/rules.ts";
import { desiredRoutes } from "../../node-agent/network/routes.ts";
import { chainPrefix, podBridgeName } from "../../node-agent/network/names.ts";
import type { Node } from "../../worker/schema/kinds.ts";
import { endpoints, service } from "./network-fixtures.ts";

const web = service("default", "web", { type: "NodePort", clusterIP: "10.96.0.10", ports: [{ name: "http", port: 80, targetPort: 8080, nodePort: 30080, protocol: "TCP" }] });

describe("service routes", () => {
  it("takes only ready addresses and matches endpoint ports by name", () => {
    const routes = serviceRoutes(web, endpoints("default", "web", ["10.244.1.3", "10.244.1.2"], 8080, { notReady: ["10.244.1.9"], portName: "http" }));
    expect(routes).toEqual([
      {
        key: "default/web:http",
        protocol: "tcp",
        clusterIP: "10.96.0.10",
        port: 80,
        nodePort: 30080,
        affinitySeconds: undefined,
        backends: [{ ip: "10.244.1.2", port: 8080 }, { ip: "10.244.1.3", port: 8080 }],
      },
    ]);
  });

  it("skips headless and ExternalName services and ignores nodePort on ClusterIP services", () => {
    expect(serviceRoutes(service("a", "h", { clusterIP: "None", ports: [{ port: 80 }] }), undefined)).toEqual([]);
    expect(serviceRoutes(service("a", "x", { type: "ExternalName", externalName: "example.org" }), undefined)).toEqual([]);
    expect(serviceRoutes(service("a", "c", { clusterIP: "10.96.0.5", ports: [{ port: 80, nodePort: 30001 }] }), undefined)[0].nodePort).toBeUndefined();
  });
});

describe("iptables rules", () => {
  const prefix = chainPrefix("node-a");
  const rules = (routes = allRoutes([web], new Map([["default/web", endpoints("default", "web", ["10.244.1.2", "10.244.1.3", "10.244.2.2"], 8080, { portName: "http" })]]))) =>
    buildRules({ prefix, clusterCidr: "10.244.0.0/16", routes });

  it("spreads over every ready backend with decreasing probabilities", () => {
    const text = rules().nat;
    const probabilities = [...text.matchAll(/--probability (\S+)/g)].map((m) => Number(m[1]));
    expect(probabilities).toEqual([0.3333333333, 0.5]);
    expect(text.match(/-j DNAT --to-destination/g)).toHaveLength(3);
    expect(text).toContain("--to-destination 10.244.2.2:8080");
    expect(text).toMatch(new RegExp(`-A ${prefix}-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 80 .* -j ${prefix}-SVC-`));
    expect(text).toMatch(new RegExp(`-A ${prefix}-NODEPORTS -p tcp -m tcp --dport 30080 .* -j ${prefix}-MARK-MASQ`));
    // Every chain it jumps to is declared, so iptables-restore accepts it.
    const declared = new Set([...text.matchAll(/^:(\S+)/gm)].map((m) => m[1]));
    for (const m of text.matchAll(/-j (KF\S+)/g)) expect(declared.has(m[1])).toBe(true);
  });

  it("NodePort lookup comes after every ClusterIP rule", () => {
    const lines = rules().nat.split("\n").filter((l) => l.startsWith(`-A ${prefix}-SERVICES`));
    expect(lines[lines.length - 1]).toContain("--dst-type LOCAL");
  });

  it("rejects traffic for a service without ready backends instead of DNATing it", () => {
    const set = rules(allRoutes([web], new Map([["default/web", endpoints("default", "web", [], 8080, { notReady: ["10.244.1.2"], portName: "http" })]])));
    expect(set.nat).not.toContain("DNAT");
    expect(set.filter).toContain("-d 10.96.0.10/32 -p tcp -m tcp --dport 80");
    expect(set.filter).toContain("--dport 30080");
    expect(set.filter).toContain("-j REJECT");
  });

  it("pins clients with -m recent for sessionAffinity ClientIP", () => {
    const sticky = service("default", "s", { clusterIP: "10.96.0.11", sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports: [{ port: 80 }] });
    const text = buildRules({ prefix, clusterCidr: "10.244.0.0/16", routes: allRoutes([sticky], new Map([["default/s", endpoints("default", "s", ["10.244.1.2", "10.244.1.3"], 80)]])) }).nat;
    expect(text.match(/--rcheck --seconds 60 --reap/g)).toHaveLength(2);
    expect(text.match(/--rsource --set/g)).toHaveLength(2);
    // The affinity checks precede the random spread.
    expect(text.indexOf("--rcheck")).toBeLessThan(text.indexOf("--probability"));
  });

  it("flushes and deletes chains of ours that are no longer wanted", () => {
    const stale = `${prefix}-SVC-DEADBEEF0000`;
    const set = buildRules({ prefix, clusterCidr: "10.244.0.0/16", routes: [], existingNatChains: [stale, "KFOTHER-SVC-X"] });
    expect(set.nat).toContain(`:${stale} - [0:0]`);
    expect(set.nat).toContain(`-X ${stale}`);
    expect(set.nat).not.toContain("KFOTHER");
    expect(teardownRules("nat", [stale])).toBe(`*nat\n:${stale} - [0:0]\n-X ${stale}\nCOMMIT\n`);
  });

  it("gives each node its own chain prefix and a bridge name Linux accepts", () => {
    expect(chainPrefix("node-a")).not.toBe(chainPrefix("node-b"));
    expect(`${chainPrefix("x")}-SEP-${"0".repeat(12)}`.length).toBeLessThanOrEqual(28);
    expect(podBridgeName("a-very-long-node-name.example.com").length).toBeLessThanOrEqual(15);
  });
});

describe("pod routes", () => {
  const node = (name: string, cidr: string | undefined, ip: string): Node => ({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name },
    spec: { podCIDR: cidr },
    status: { addresses: [{ type: "InternalIP", address: ip }, { type: "Hostname", address: name }] },
  });

  it("routes other nodes' podCIDRs via their InternalIP, skipping itself, nodes without a CIDR, and nodes on this host", () => {
    const nodes = [node("a", "10.244.0.0/24", "192.168.1.10"), node("b", "10.244.1.0/24", "192.168.1.11"), node("c", undefined, "192.168.1.12"), node("d", "10.244.3.0/24", "192.168.1.10")];
    expect(desiredRoutes(nodes, "a", new Set(["192.168.1.10"]))).toEqual([{ cidr: "10.244.1.0/24", via: "192.168.1.11", node: "b" }]);
  });
});
