// The whole thing across hosts: two hosts (namespaces, each with its own
// dockerd) run the real node agent, joined to one real local control plane.
// Pods placed on both hosts reach each other and a Service by pod IP,
// ClusterIP, NodePort and DNS name; a pod failing readiness gets no traffic;
// scaling the backends down changes the traffic.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Endpoints, Node, Pod, Service } from "../../worker/schema/kinds.ts";
import { startLocalCluster } from "../node-agent/control-plane-harness.ts";
import type { LocalCluster } from "../node-agent/control-plane-harness.ts";
import { TEST_IMAGE, ensureTestImage } from "../node-agent/docker-fixtures.ts";
import { exec, fetchMany } from "../node-agent/network-containers.ts";
import { relay } from "./lan-forwarder.ts";
import { LAN_GATEWAY, createHost, createLan, destroyHost, destroyLan, stopProcess } from "./topology.ts";
import type { Host } from "./topology.ts";

async function waitFor<T>(what: string, check: () => Promise<T | false | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

function echoPod(name: string, nodeName: string, ready = true): Pod {
  const cgi = String.raw`printf '#!/bin/sh\necho Content-Type: text/plain\necho\necho $REMOTE_ADDR\n' > /www/cgi-bin/ip && chmod +x /www/cgi-bin/ip`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: "web" } },
    spec: {
      nodeName,
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: "main",
          image: TEST_IMAGE,
          imagePullPolicy: "Never",
          command: ["sh", "-c", `mkdir -p /www/cgi-bin && echo ${name} > /www/index.html && ${cgi} && exec httpd -f -p 8080 -h /www`],
          ports: [{ name: "http", containerPort: 8080 }],
          readinessProbe: { exec: { command: [ready ? "true" : "false"] }, periodSeconds: 1 },
        },
      ],
    },
  };
}

describe("agents on two hosts joined to one control plane", () => {
  let cluster: LocalCluster;
  let close: (() => Promise<void>) | undefined;
  const hosts: Host[] = [];
  const agents: ChildProcess[] = [];
  let c: Host;
  let d: Host;
  let clientId = "";
  const podIP: Record<string, string> = {};
  let clusterIP = "";
  let nodePort = 0;

  const admin = <T>(method: string, path: string, body?: unknown) => cluster.admin.json<T>(method, path, body);

  async function containerOf(host: Host, pod: string): Promise<string> {
    return waitFor(`container of ${pod}`, async () => {
      const list = await host.docker.listContainers({ filters: { label: [`io.kubernetes.pod.name=${pod}`, "io.kubernetes.container.name=main"] } });
      return list[0]?.Id;
    });
  }

  beforeAll(async () => {
    cluster = await startLocalCluster();
    await createLan();
    const relayed = await relay(LAN_GATEWAY, new URL(cluster.server));
    close = relayed.close;
    [c, d] = await Promise.all([createHost("c", 3), createHost("d", 4)]);
    hosts.push(c, d);
    await Promise.all(hosts.map((h) => ensureTestImage(h.docker)));
    for (const host of hosts) {
      const nodeName = `node-${host.name}`;
      await mkdir(`${host.dir}/state`, { recursive: true });
      const args = ["--server", relayed.url, "--token", cluster.joinToken, "--name", nodeName, "--docker-host", `unix://${host.socket}`, "--state-dir", `${host.dir}/state`, "--insecure-skip-tls-verify"];
      const child = spawn("ip", ["netns", "exec", host.netns, process.execPath, "--import", "tsx", "node-agent/cli.ts", ...args], { cwd: `${import.meta.dirname}/../..`, stdio: ["ignore", "inherit", "inherit"] });
      agents.push(child);
    }
    for (const host of hosts) {
      await waitFor(`node-${host.name} Ready with a podCIDR`, async () => {
        const node = await admin<Node>("GET", `/api/v1/nodes/node-${host.name}`);
        return node.spec?.podCIDR && node.status?.conditions?.find((x) => x.type === "Ready")?.status === "True";
      });
    }
    const web = await admin<Service>("POST", "/api/v1/namespaces/default/services", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { type: "NodePort", selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
    });
    clusterIP = web.spec?.clusterIP ?? "";
    nodePort = web.spec?.ports?.[0].nodePort ?? 0;
    await admin("POST", "/api/v1/namespaces/default/services", { apiVersion: "v1", kind: "Service", metadata: { name: "web-headless" }, spec: { clusterIP: "None", selector: { app: "web" }, ports: [{ name: "http", port: 8080 }] } });
    await admin("POST", "/api/v1/namespaces/default/services", { apiVersion: "v1", kind: "Service", metadata: { name: "ext" }, spec: { type: "ExternalName", externalName: "api.example.org" } });
    for (const pod of [echoPod("backend-c", "node-c"), echoPod("backend-d", "node-d"), echoPod("unready-c", "node-c", false)]) await admin("POST", "/api/v1/namespaces/default/pods", pod);
    await admin("POST", "/api/v1/namespaces/default/pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "client", namespace: "default" },
      spec: { nodeName: "node-c", terminationGracePeriodSeconds: 1, containers: [{ name: "main", image: TEST_IMAGE, imagePullPolicy: "Never", command: ["sleep", "3600"] }] },
    });
    for (const name of ["backend-c", "backend-d", "unready-c", "client"]) {
      podIP[name] = await waitFor(`${name} running with an IP`, async () => {
        const pod = await admin<Pod>("GET", `/api/v1/namespaces/default/pods/${name}`);
        return pod.status?.phase === "Running" && pod.status.podIP;
      });
    }
    await waitFor("endpoints with both ready backends", async () => {
      const ep = await admin<Endpoints>("GET", "/api/v1/namespaces/default/endpoints/web");
      return (ep.subsets ?? []).flatMap((s) => s.addresses ?? []).length === 2;
    });
    clientId = await containerOf(c, "client");
  }, 240_000);

  afterAll(async () => {
    await Promise.all(agents.map((a) => stopProcess(a, 20_000)));
    await Promise.all(hosts.map((h) => destroyHost(h)));
    await destroyLan();
    await close?.();
    await cluster?.stop();
  });

  it("gives pods addresses from their node's podCIDR and reaches a pod on the other host by pod IP", async () => {
    const nodeD = await admin<Node>("GET", "/api/v1/nodes/node-d");
    expect(podIP["backend-d"].split(".").slice(0, 3).join(".")).toBe(nodeD.spec?.podCIDR?.split(".").slice(0, 3).join("."));
    expect(await fetchMany(c.docker, clientId, podIP["backend-d"], 8080, 1)).toEqual(["backend-d"]);
  });

  it("reaches the Service by ClusterIP with answers from every ready backend and none from the unready pod", async () => {
    const bodies = await waitFor("both backends through the ClusterIP", async () => {
      const got = await fetchMany(c.docker, clientId, clusterIP, 80, 30);
      return new Set(got).size === 2 && got;
    }, 20_000);
    expect(new Set(bodies)).toEqual(new Set(["backend-c", "backend-d"]));
  });

  it("reaches the Service by full DNS name and by short name in its namespace", async () => {
    const full = await exec(c.docker, clientId, ["nslookup", "web.default.svc.cluster.local"]);
    expect(full.output).toContain(clusterIP);
    const short = await exec(c.docker, clientId, ["nslookup", "web"]);
    expect(short.output).toContain(clusterIP);
  });

  it("resolves headless and ExternalName Services", async () => {
    const headless = await exec(c.docker, clientId, ["nslookup", "web-headless.default.svc.cluster.local"]);
    expect(headless.output).toContain(podIP["backend-c"]);
    expect(headless.output).toContain(podIP["backend-d"]);
    expect(headless.output).not.toContain(podIP["unready-c"]);
    const ext = await exec(c.docker, clientId, ["nslookup", "-type=CNAME", "ext.default.svc.cluster.local"]);
    expect(ext.output).toContain("api.example.org");
  });

  it("answers the NodePort on each host", async () => {
    for (const host of hosts) {
      const seen = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const out = await new Promise<string>((resolve) => {
          const child = spawn("ip", ["netns", "exec", host.netns, "sh", "-c", `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | busybox nc -w 3 ${host.ip} ${nodePort} | tail -n 1`]);
          let text = "";
          child.stdout.on("data", (b: Buffer) => (text += b.toString()));
          child.on("close", () => resolve(text.trim()));
        });
        seen.add(out);
      }
      expect(seen).toEqual(new Set(["backend-c", "backend-d"]));
    }
  });

  it("follows the backends: deleting one moves all traffic to the other", async () => {
    await admin("DELETE", "/api/v1/namespaces/default/pods/backend-c");
    await waitFor("traffic only to backend-d", async () => {
      const got = await fetchMany(c.docker, clientId, clusterIP, 80, 10);
      return got.every((b) => b === "backend-d");
    }, 30_000);
  });
});
