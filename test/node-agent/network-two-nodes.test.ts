// Two nodes' networks on one machine (the local multi-node cluster): each
// agent has its own bridge, resolver and chains, pods reach each other
// across the bridges (Docker isolates its networks from each other by
// default), and stopping one node leaves the other's routing intact.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeNetwork } from "../../node-agent/network/node-network.ts";
import type { NodeNetwork } from "../../node-agent/network/node-network.ts";
import { chainPrefix } from "../../node-agent/network/names.ts";
import { silentLogger } from "../../node-agent/log.ts";
import { TEST_NODE_PREFIX, testDocker } from "./docker-fixtures.ts";
import { fetchMany, removeNetworkTestContainers, runBackend, runContainer } from "./network-containers.ts";
import type { TestContainer } from "./network-containers.ts";
import { endpoints, service } from "./network-fixtures.ts";

const docker = testDocker();
const suffix = randomBytes(3).toString("hex");
const names = [`${TEST_NODE_PREFIX}n1-${suffix}`, `${TEST_NODE_PREFIX}n2-${suffix}`];
// Outside the default cluster and Service ranges (see network-docker.test.ts).
const CLUSTER_IP = "10.120.252.10";

describe("two nodes on one host", () => {
  const nets: NodeNetwork[] = [];
  let backend1: TestContainer;
  let backend2: TestContainer;
  let client1: TestContainer;

  beforeAll(async () => {
    nets.push(
      await startNodeNetwork({ docker, nodeName: names[0], podCidr: "10.245.252.0/24", clusterCidr: "10.245.0.0/16", upstreams: [], log: silentLogger }),
      await startNodeNetwork({ docker, nodeName: names[1], podCidr: "10.245.253.0/24", clusterCidr: "10.245.0.0/16", upstreams: [], log: silentLogger }),
    );
    [backend1, backend2, client1] = await Promise.all([
      runBackend(docker, nets[0].networkName, `${names[0]}-b`),
      runBackend(docker, nets[1].networkName, `${names[1]}-b`),
      runContainer(docker, nets[0].networkName, `${names[0]}-client`, "exec sleep 3600"),
    ]);
    // Both agents see the same cluster, as they would through their watches.
    for (const net of nets) {
      await net.ready;
      net.state.upsert("services", service("default", "web", { clusterIP: CLUSTER_IP, ports: [{ port: 80, protocol: "TCP" }] }));
      net.state.upsert("endpoints", endpoints("default", "web", [backend1.ip, backend2.ip], 8080));
      await net.proxy.settle();
    }
  });

  afterAll(async () => {
    for (const net of nets) await removeNetworkTestContainers(docker, net.networkName);
    for (const net of nets) await net.stop();
  });

  it("reaches a pod on the other node's bridge by pod IP", async () => {
    expect(await fetchMany(docker, client1.id, backend2.ip, 8080, 2)).toEqual([backend2.name, backend2.name]);
  });

  it("spreads Service traffic over both nodes' pods", async () => {
    expect(new Set(await fetchMany(docker, client1.id, CLUSTER_IP, 80, 24))).toEqual(new Set([backend1.name, backend2.name]));
  });

  it("keeps routing when the other agent stops and removes its rules", async () => {
    await removeNetworkTestContainers(docker, nets[1].networkName);
    await nets[1].stop();
    expect(execFileSync("iptables-save", { encoding: "utf8" })).not.toContain(chainPrefix(names[1]));
    expect(execFileSync("iptables-save", { encoding: "utf8" })).toContain(chainPrefix(names[0]));
    nets[0].state.upsert("endpoints", endpoints("default", "web", [backend1.ip], 8080));
    await nets[0].proxy.settle();
    expect(new Set(await fetchMany(docker, client1.id, CLUSTER_IP, 80, 6))).toEqual(new Set([backend1.name]));
    nets.pop();
  });
});
