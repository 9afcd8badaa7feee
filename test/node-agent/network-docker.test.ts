// The network layer on the real kernel and Docker: a pod network, service
// rules and the cluster resolver for one node, with busybox containers as
// pods. The cluster view is driven directly (no control plane needed).
import { execFileSync } from "node:child_process";
import { createSocket } from "node:dgram";
import type { Socket } from "node:dgram";
import { request } from "node:http";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import dnsPacket from "dns-packet";
import { startNodeNetwork } from "../../node-agent/network/node-network.ts";
import type { NodeNetwork } from "../../node-agent/network/node-network.ts";
import type { SyncResult } from "../../node-agent/network/service-proxy/proxier.ts";
import { chainPrefix, podNetworkChainPrefix } from "../../node-agent/network/names.ts";
import { silentLogger } from "../../node-agent/log.ts";
import type { Pod } from "../../worker/schema/kinds.ts";
import { TEST_NODE_PREFIX, testDocker } from "./docker-fixtures.ts";
import { exec, fetchMany, removeNetworkTestContainers, runBackend, runContainer } from "./network-containers.ts";
import type { TestContainer } from "./network-containers.ts";
import { endpoints, service } from "./network-fixtures.ts";

const docker = testDocker();
const nodeName = `${TEST_NODE_PREFIX}net-${randomBytes(3).toString("hex")}`;
// Outside the default cluster and Service ranges, so a local cluster's agents on this machine can never hold the same addresses.
const podCidr = "10.245.250.0/24";
const clusterCidr = "10.245.0.0/16";
const CLUSTER_IP = "10.120.250.10";
const STICKY_IP = "10.120.250.11";
const NODE_PORT = 31080;

function hostGet(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: "/", timeout: 3000 }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(body.trim()));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

describe("pod network, service proxy and DNS on Docker", () => {
  let net: NodeNetwork;
  let upstream: Socket;
  const synced: SyncResult[] = [];
  let b1: TestContainer;
  let b2: TestContainer;
  let client: TestContainer;

  const setEndpoints = (ready: TestContainer[], notReady: TestContainer[] = []) => {
    net.state.upsert("endpoints", endpoints("default", "web", ready.map((c) => c.ip), 8080, { notReady: notReady.map((c) => c.ip), portName: "http" }));
    net.state.upsert("endpoints", endpoints("default", "sticky", ready.map((c) => c.ip), 8080));
  };

  beforeAll(async () => {
    // A loopback stand-in for the host's resolver, so forwarding never leaves the machine.
    upstream = createSocket("udp4");
    upstream.on("message", (message, remote) => {
      const query = dnsPacket.decode(message);
      upstream.send(dnsPacket.encode({ type: "response", id: query.id, questions: query.questions, answers: [{ type: "A", name: query.questions?.[0].name ?? "", ttl: 5, data: "192.0.2.99" }] }), remote.port, remote.address);
    });
    await new Promise<void>((resolve) => upstream.bind(0, "127.0.0.1", () => resolve()));

    net = await startNodeNetwork({
      docker,
      nodeName,
      podCidr,
      clusterCidr,
      upstreams: [{ host: "127.0.0.1", port: upstream.address().port }],
      log: silentLogger,
      onProxySynced: (r) => synced.push(r),
    });
    net.state.upsert("services", service("default", "web", { type: "NodePort", clusterIP: CLUSTER_IP, ports: [{ name: "http", port: 80, nodePort: NODE_PORT, protocol: "TCP" }] }));
    net.state.upsert("services", service("default", "sticky", { clusterIP: STICKY_IP, sessionAffinity: "ClientIP", ports: [{ port: 80, protocol: "TCP" }] }));
    await net.ready;

    [b1, b2] = await Promise.all([runBackend(docker, net.networkName, `${nodeName}-b1`), runBackend(docker, net.networkName, `${nodeName}-b2`)]);
    const pod: Pod = { apiVersion: "v1", kind: "Pod", metadata: { namespace: "default", name: "client" }, spec: { containers: [] } };
    client = await runContainer(docker, net.networkName, `${nodeName}-client`, "exec sleep 3600", net.dnsFor(pod));
    setEndpoints([b1, b2]);
    await net.proxy.settle();
  });

  afterAll(async () => {
    await removeNetworkTestContainers(docker, net?.networkName);
    await net?.stop();
    upstream?.close();
  });

  it("gives pods addresses from the node's podCIDR", () => {
    for (const c of [b1, b2, client]) expect(c.ip).toMatch(/^10\.245\.250\.\d+$/);
    expect(net.resolverIp).toBe("10.245.250.1");
  });

  it("spreads ClusterIP traffic over both ready backends", async () => {
    const bodies = await fetchMany(docker, client.id, CLUSTER_IP, 80, 30);
    expect(bodies).toHaveLength(30);
    expect(new Set(bodies)).toEqual(new Set([b1.name, b2.name]));
  });

  it("keeps a ClientIP-affine client on one backend", async () => {
    const bodies = await fetchMany(docker, client.id, STICKY_IP, 80, 12);
    expect(new Set(bodies).size).toBe(1);
  });

  it("answers NodePorts from the host", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) seen.add(await hostGet(net.resolverIp, NODE_PORT));
    expect(seen).toEqual(new Set([b1.name, b2.name]));
  });

  it("resolves Service names from inside a container, short names through the search path", async () => {
    const lookup = await exec(docker, client.id, ["nslookup", "web.default.svc.cluster.local", net.resolverIp]);
    expect(lookup.output).toContain(CLUSTER_IP);
    const missing = await exec(docker, client.id, ["nslookup", "nope.default.svc.cluster.local", net.resolverIp]);
    expect(missing.output).toMatch(/NXDOMAIN|can't find/);
    const outside = await exec(docker, client.id, ["nslookup", "www.example.org", net.resolverIp]);
    expect(outside.output).toContain("192.0.2.99");
    const resolv = await exec(docker, client.id, ["cat", "/etc/resolv.conf"]);
    expect(resolv.output).toContain("search default.svc.cluster.local svc.cluster.local cluster.local");
    expect(resolv.output).toContain("ndots:5");
    // A short name through the container's own resolv.conf (search path; Docker's embedded DNS forwards to ours).
    const short = await exec(docker, client.id, ["nslookup", "web"]);
    expect(short.output).toContain(CLUSTER_IP);
  });

  it("stops sending traffic to a backend that leaves the ready endpoints, within a second", async () => {
    synced.length = 0;
    setEndpoints([b1], [b2]);
    await net.proxy.settle();
    expect(synced.length).toBeGreaterThan(0);
    const latency = Math.max(...synced.map((s) => s.latencyMs));
    console.log(`endpoints change -> rules applied: ${latency.toFixed(1)} ms (iptables-restore ${synced.map((s) => s.applyMs.toFixed(1)).join(", ")} ms)`);
    expect(latency).toBeLessThan(1000);
    const bodies = await fetchMany(docker, client.id, CLUSTER_IP, 80, 15);
    expect(new Set(bodies)).toEqual(new Set([b1.name]));
    // No ready backend at all: refused at once rather than hanging.
    setEndpoints([], [b1, b2]);
    await net.proxy.settle();
    expect(await fetchMany(docker, client.id, CLUSTER_IP, 80, 2)).toEqual(["ERR", "ERR"]);
    setEndpoints([b1, b2]);
    await net.proxy.settle();
    expect(new Set(await fetchMany(docker, client.id, CLUSTER_IP, 80, 20))).toEqual(new Set([b1.name, b2.name]));
  });

  it("removes its chains, hooks and network on stop", async () => {
    await removeNetworkTestContainers(docker, net.networkName);
    await net.stop();
    const saved = execFileSync("iptables-save", { encoding: "utf8" });
    expect(saved).not.toContain(chainPrefix(nodeName));
    expect(saved).not.toContain(podNetworkChainPrefix(nodeName));
    expect(saved).not.toContain(`kubeflare ${nodeName}`);
    await expect(docker.getNetwork(net.networkName).inspect()).rejects.toThrow();
  });
});
