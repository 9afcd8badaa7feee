// The cluster resolver in-process: real DNS messages (dns-packet) over UDP
// and TCP on 127.0.0.1, a fake upstream on loopback for forwarding.
import { createSocket } from "node:dgram";
import type { Socket } from "node:dgram";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import dnsPacket from "dns-packet";
import type { DecodedPacket, RecordType } from "dns-packet";
import { ClusterState } from "../../node-agent/network/cluster-state.ts";
import { ClusterDnsServer } from "../../node-agent/network/dns/server.ts";
import { silentLogger } from "../../node-agent/log.ts";
import { endpoints, service } from "./network-fixtures.ts";

let nextId = 1;

function udpQuery(port: number, name: string, type: RecordType = "A"): Promise<DecodedPacket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer for ${name}`));
    }, 5000);
    socket.on("message", (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(dnsPacket.decode(message));
    });
    socket.send(dnsPacket.encode({ type: "query", id: nextId++, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }] }), port, "127.0.0.1");
  });
}

function tcpQuery(port: number, name: string, type: RecordType = "A"): Promise<DecodedPacket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    let data = Buffer.alloc(0);
    socket.on("error", reject);
    socket.on("connect", () => socket.write(dnsPacket.streamEncode({ type: "query", id: nextId++, questions: [{ type, name }] })));
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 2 && data.length >= 2 + data.readUInt16BE(0)) {
        socket.end();
        resolve(dnsPacket.decode(data.subarray(2)));
      }
    });
  });
}

const rcode = (packet: DecodedPacket) => (packet as { rcode?: string }).rcode;
const data = (packet: DecodedPacket) => (packet.answers ?? []).map((a) => ("data" in a ? a.data : undefined));

describe("cluster DNS", () => {
  const state = new ClusterState();
  let server: ClusterDnsServer;
  let broken: ClusterDnsServer;
  let upstream: Socket;
  let port = 0;
  let brokenPort = 0;
  let upstreamQueries = 0;

  beforeAll(async () => {
    // A stand-in for the host's resolver: answers every A query with 192.0.2.7.
    upstream = createSocket("udp4");
    upstream.on("message", (message, remote) => {
      upstreamQueries++;
      const query = dnsPacket.decode(message);
      const reply = dnsPacket.encode({ type: "response", id: query.id, flags: dnsPacket.RECURSION_AVAILABLE, questions: query.questions, answers: [{ type: "A", name: query.questions?.[0].name ?? "", ttl: 60, data: "192.0.2.7" }] });
      upstream.send(reply, remote.port, remote.address);
    });
    await new Promise<void>((resolve) => upstream.bind(0, "127.0.0.1", () => resolve()));

    state.upsert("services", service("shop", "web", { clusterIP: "10.96.0.10", ports: [{ name: "http", port: 80, protocol: "TCP" }] }));
    state.upsert("services", service("shop", "db", { clusterIP: "None", ports: [{ name: "pg", port: 5432, protocol: "TCP" }] }));
    state.upsert("endpoints", endpoints("shop", "db", ["10.244.1.5", "10.244.2.6"], 5432, { notReady: ["10.244.1.9"], portName: "pg", hostnames: { "10.244.1.5": "db-0" } }));
    state.upsert("services", service("shop", "ext", { type: "ExternalName", externalName: "api.example.org" }));

    server = new ClusterDnsServer(state, { host: "127.0.0.1", port: 0, upstreams: [{ host: "127.0.0.1", port: upstream.address().port }], log: silentLogger });
    await server.start();
    port = server.ports().udp;
    // An upstream nobody listens on: the kernel refuses at once.
    const closed = createSocket("udp4");
    await new Promise<void>((resolve) => closed.bind(0, "127.0.0.1", () => resolve()));
    const closedPort = closed.address().port;
    closed.close();
    broken = new ClusterDnsServer(state, { host: "127.0.0.1", port: 0, upstreams: [{ host: "127.0.0.1", port: closedPort }], log: silentLogger });
    await broken.start();
    brokenPort = broken.ports().udp;
  });

  afterAll(async () => {
    await server?.stop();
    await broken?.stop();
    upstream?.close();
  });

  it("answers a Service name with its ClusterIP, authoritatively", async () => {
    const answer = await udpQuery(port, "web.shop.svc.cluster.local");
    expect(rcode(answer)).toBe("NOERROR");
    expect(answer.flag_aa).toBe(true);
    expect(data(answer)).toEqual(["10.96.0.10"]);
  });

  it("answers a headless Service with its ready pod IPs only", async () => {
    const answer = await udpQuery(port, "db.shop.svc.cluster.local.");
    expect(data(answer).sort()).toEqual(["10.244.1.5", "10.244.2.6"]);
    expect(data(await udpQuery(port, "db-0.db.shop.svc.cluster.local"))).toEqual(["10.244.1.5"]);
  });

  it("answers ExternalName with a CNAME, pods by dashed IP, and SRV for named ports", async () => {
    const ext = await udpQuery(port, "ext.shop.svc.cluster.local");
    expect(ext.answers?.[0]).toMatchObject({ type: "CNAME", data: "api.example.org" });
    expect(data(await udpQuery(port, "10-244-1-5.shop.pod.cluster.local"))).toEqual(["10.244.1.5"]);
    const srv = await udpQuery(port, "_http._tcp.web.shop.svc.cluster.local", "SRV");
    expect(srv.answers?.[0]).toMatchObject({ type: "SRV", data: { port: 80, target: "web.shop.svc.cluster.local" } });
    expect(srv.additionals?.[0]).toMatchObject({ type: "A", data: "10.96.0.10" });
  });

  it("NXDOMAIN for unknown cluster names (with the zone SOA), NODATA for other types of known names", async () => {
    const missing = await udpQuery(port, "nope.shop.svc.cluster.local");
    expect(rcode(missing)).toBe("NXDOMAIN");
    expect(missing.authorities?.[0]?.type).toBe("SOA");
    // What a search path produces for an outside name with ndots:5.
    expect(rcode(await udpQuery(port, "example.org.shop.svc.cluster.local"))).toBe("NXDOMAIN");
    const aaaa = await udpQuery(port, "web.shop.svc.cluster.local", "AAAA");
    expect(rcode(aaaa)).toBe("NOERROR");
    expect(aaaa.answers).toEqual([]);
  });

  it("follows changes to the cluster view at once", async () => {
    state.upsert("services", service("shop", "late", { clusterIP: "10.96.0.99", ports: [{ port: 80 }] }));
    expect(data(await udpQuery(port, "late.shop.svc.cluster.local"))).toEqual(["10.96.0.99"]);
    state.remove("services", service("shop", "late", {}));
    expect(rcode(await udpQuery(port, "late.shop.svc.cluster.local"))).toBe("NXDOMAIN");
  });

  it("answers over TCP too", async () => {
    expect(data(await tcpQuery(port, "web.shop.svc.cluster.local"))).toEqual(["10.96.0.10"]);
  });

  it("forwards names outside the cluster domain to the upstream", async () => {
    const before = upstreamQueries;
    const answer = await udpQuery(port, "www.example.org");
    expect(data(answer)).toEqual(["192.0.2.7"]);
    expect(upstreamQueries).toBe(before + 1);
    expect(data(await tcpQuery(port, "www.example.org"))).toEqual(["192.0.2.7"]);
  });

  it("SERVFAILs quickly when the upstream is unreachable", async () => {
    const started = performance.now();
    const answer = await udpQuery(brokenPort, "www.example.org");
    expect(rcode(answer)).toBe("SERVFAIL");
    expect(performance.now() - started).toBeLessThan(2500);
    // Cluster names still work without any upstream.
    expect(data(await udpQuery(brokenPort, "web.shop.svc.cluster.local"))).toEqual(["10.96.0.10"]);
  });
});
