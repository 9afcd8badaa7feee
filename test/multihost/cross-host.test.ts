// Two hosts (network namespaces with their own dockerd) on one LAN, each
// running the node's network layer against one control plane (a fake
// list/watch server on the LAN): a pod on one host reaches a pod on the
// other by pod IP without NAT, and a Service whose backends sit on both.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Node } from "../../worker/schema/kinds.ts";
import { ensureTestImage } from "../node-agent/docker-fixtures.ts";
import { exec, fetchMany, runContainer } from "../node-agent/network-containers.ts";
import type { TestContainer } from "../node-agent/network-containers.ts";
import { FAKE_NODE_TOKEN, FakeApi } from "../node-agent/network-fake-api.ts";
import { endpoints, service } from "../node-agent/network-fixtures.ts";
import { LAN_GATEWAY, createHost, createLan, destroyHost, destroyLan, stopProcess } from "./topology.ts";
import type { Host } from "./topology.ts";

const CLUSTER_IP = "10.96.101.10";
const PODS = { a: "10.244.101.0/24", b: "10.244.102.0/24" } as const;

interface NodeProcess {
  child: ChildProcess;
  events: { event: string; latencyMs?: number; applyMs?: number }[];
  waitFor(event: string, after?: number): Promise<void>;
}

function nodeObject(name: string, podCIDR: string, ip: string): Node {
  return { apiVersion: "v1", kind: "Node", metadata: { name }, spec: { podCIDR }, status: { addresses: [{ type: "InternalIP", address: ip }, { type: "Hostname", address: name }] } };
}

function startNode(host: Host, nodeName: string, podCidr: string, server: string): NodeProcess {
  const config = JSON.stringify({ nodeName, podCidr, socket: host.socket, server, token: FAKE_NODE_TOKEN });
  const child = spawn("ip", ["netns", "exec", host.netns, process.execPath, "--import", "tsx", `${import.meta.dirname}/host-node.ts`, config], { cwd: `${import.meta.dirname}/../..`, stdio: ["ignore", "pipe", "inherit"] });
  const events: NodeProcess["events"] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      events.push(JSON.parse(line) as NodeProcess["events"][number]);
    } catch {
      return;
    }
    for (const w of waiters.splice(0)) w();
  });
  return {
    child,
    events,
    waitFor(event, after = 0) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${nodeName}: no "${event}" within 30 s`)), 30_000);
        const check = () => {
          if (events.slice(after).some((e) => e.event === event)) {
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(new Error(`${nodeName}: exited with ${child.exitCode}`));
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

/** An HTTP backend answering its name at / and the caller's address at /cgi-bin/ip. */
function runEchoBackend(host: Host, network: string, name: string): Promise<TestContainer> {
  const cgi = String.raw`printf '#!/bin/sh\necho Content-Type: text/plain\necho\necho $REMOTE_ADDR\n' > /www/cgi-bin/ip && chmod +x /www/cgi-bin/ip`;
  return runContainer(host.docker, network, name, `mkdir -p /www/cgi-bin && echo ${name} > /www/index.html && ${cgi} && exec httpd -f -p 8080 -h /www`);
}

async function get(host: Host, client: TestContainer, ip: string, port: number, path: string): Promise<string> {
  const request = String.raw`GET ${path} HTTP/1.0\r\n\r\n`;
  const { output } = await exec(host.docker, client.id, ["sh", "-c", `printf "${request}" | nc -w 3 ${ip} ${port} | tail -n 1`]);
  // busybox httpd reports IPv4 callers as v4-mapped IPv6 ("[::ffff:10.244.1.2]").
  return output.trim().replace(/^\[::ffff:(.*)\]$/, "$1");
}

describe("pod network across hosts", () => {
  const api = new FakeApi();
  const hosts: Host[] = [];
  const nodes: NodeProcess[] = [];
  let a: Host;
  let b: Host;
  let backendA: TestContainer;
  let backendB: TestContainer;
  let clientA: TestContainer;
  let clientB: TestContainer;

  beforeAll(async () => {
    await createLan();
    const server = await api.start(LAN_GATEWAY, 0);
    [a, b] = await Promise.all([createHost("a", 1), createHost("b", 2)]);
    hosts.push(a, b);
    await Promise.all(hosts.map((h) => ensureTestImage(h.docker)));
    api.upsert("nodes", nodeObject("node-a", PODS.a, a.ip));
    api.upsert("nodes", nodeObject("node-b", PODS.b, b.ip));
    api.upsert("services", service("default", "web", { clusterIP: CLUSTER_IP, ports: [{ name: "http", port: 80, protocol: "TCP" }] }));
    nodes.push(startNode(a, "node-a", PODS.a, server), startNode(b, "node-b", PODS.b, server));
    await Promise.all(nodes.map((n) => n.waitFor("ready")));
    [backendA, backendB] = await Promise.all([runEchoBackend(a, "kubeflare-node-a", "backend-a"), runEchoBackend(b, "kubeflare-node-b", "backend-b")]);
    [clientA, clientB] = await Promise.all([
      runContainer(a.docker, "kubeflare-node-a", "client-a", "exec sleep 3600"),
      runContainer(b.docker, "kubeflare-node-b", "client-b", "exec sleep 3600"),
    ]);
    const marks = nodes.map((n) => n.events.length);
    api.upsert("endpoints", endpoints("default", "web", [backendA.ip, backendB.ip], 8080, { portName: "http" }));
    await Promise.all(nodes.map((n, i) => n.waitFor("synced", marks[i])));
  });

  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.docker.listContainers({ all: true }).then((cs) => Promise.all(cs.map((c) => h.docker.getContainer(c.Id).remove({ force: true }))))).map((p) => p.catch(() => {})));
    await Promise.all(nodes.map((n) => stopProcess(n.child, 15_000)));
    await Promise.all(hosts.map((h) => destroyHost(h)));
    await destroyLan();
    await api.stop();
  });

  it("gives each host's pods addresses from its own podCIDR and routes the other's via its InternalIP", () => {
    expect(backendA.ip).toMatch(/^10\.244\.101\./);
    expect(backendB.ip).toMatch(/^10\.244\.102\./);
    const routes = execFileSync("ip", ["-n", a.netns, "route"], { encoding: "utf8" });
    expect(routes).toContain(`10.244.102.0/24 via ${b.ip}`);
  });

  it("a pod on host A reaches a pod on host B by pod IP, and B sees A's pod IP (no NAT)", async () => {
    expect(await get(a, clientA, backendB.ip, 8080, "/")).toBe("backend-b");
    expect(await get(a, clientA, backendB.ip, 8080, "/cgi-bin/ip")).toBe(clientA.ip);
    expect(await get(b, clientB, backendA.ip, 8080, "/cgi-bin/ip")).toBe(clientB.ip);
  });

  it("a Service's ClusterIP reaches backends on both hosts from either host", async () => {
    for (const [host, client] of [[a, clientA], [b, clientB]] as const) {
      const bodies = await fetchMany(host.docker, client.id, CLUSTER_IP, 80, 24);
      expect(new Set(bodies)).toEqual(new Set(["backend-a", "backend-b"]));
    }
  });

  it("resolves the Service by name on each host's resolver", async () => {
    const lookup = await exec(a.docker, clientA.id, ["nslookup", "web.default.svc.cluster.local", "10.244.101.1"]);
    expect(lookup.output).toContain(CLUSTER_IP);
    const lookupB = await exec(b.docker, clientB.id, ["nslookup", "web.default.svc.cluster.local", "10.244.102.1"]);
    expect(lookupB.output).toContain(CLUSTER_IP);
  });

  it("follows an endpoint change on every host within a second", async () => {
    const marks = nodes.map((n) => n.events.length);
    api.upsert("endpoints", endpoints("default", "web", [backendB.ip], 8080, { portName: "http", notReady: [backendA.ip] }));
    await Promise.all(nodes.map((n, i) => n.waitFor("synced", marks[i])));
    const latencies = nodes.map((n, i) => n.events.slice(marks[i]).find((e) => e.event === "synced")?.latencyMs ?? Infinity);
    console.log(`endpoints change (watch event received) -> rules applied: ${latencies.map((l) => `${l.toFixed(1)} ms`).join(", ")}`);
    for (const l of latencies) expect(l).toBeLessThan(1000);
    expect(new Set(await fetchMany(a.docker, clientA.id, CLUSTER_IP, 80, 12))).toEqual(new Set(["backend-b"]));
  });

  it("cleans up its rules on each host when the node stops", async () => {
    await Promise.all(nodes.map((n) => stopProcess(n.child, 15_000)));
    for (const host of hosts) {
      const saved = execFileSync("ip", ["netns", "exec", host.netns, "iptables-save"], { encoding: "utf8" });
      expect(saved).not.toMatch(/kubeflare node-/);
      expect(execFileSync("ip", ["-n", host.netns, "route"], { encoding: "utf8" })).not.toContain("proto 76");
    }
  });
});
