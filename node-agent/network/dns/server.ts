// The node's cluster resolver: UDP and TCP on one address (the pod network's
// gateway, port 53), answering cluster names itself and forwarding the rest.
import { createSocket } from "node:dgram";
import type { Socket as UdpSocket } from "node:dgram";
import { createServer } from "node:net";
import type { Server, Socket } from "node:net";
import dnsPacket from "dns-packet";
import type { DecodedPacket, Packet } from "dns-packet";
import type { Logger } from "../../log.ts";
import { errorMessage } from "../../log.ts";
import { RCODE, resolveCluster } from "./answer.ts";
import type { ClusterView, Resolution } from "./answer.ts";
import { forward } from "./forwarder.ts";
import type { Upstream } from "./forwarder.ts";
import { CLUSTER_DOMAIN } from "./resolv-conf.ts";

export interface DnsServerOptions {
  host: string;
  /** 53 in production; 0 picks a free port (tests). */
  port: number;
  upstreams: Upstream[];
  clusterDomain?: string;
  /** Total time for upstream attempts before SERVFAIL. */
  upstreamDeadlineMs?: number;
  log: Logger;
}

const UDP_LIMIT = 512;

function errorReply(message: Buffer, rcode: number): Buffer | undefined {
  // Without a readable header there is no id to answer to.
  if (message.length < 12) return undefined;
  const reply = Buffer.alloc(12);
  message.copy(reply, 0, 0, 4);
  // QR set, opcode and RD kept from the query, RA set.
  reply.writeUInt16BE(0x8000 | (message.readUInt16BE(2) & 0x7900) | 0x0080 | rcode, 2);
  return reply;
}

export class ClusterDnsServer {
  private udp: UdpSocket | undefined;
  private tcp: Server | undefined;
  private readonly connections = new Set<Socket>();
  private readonly domain: string;

  constructor(
    private readonly view: ClusterView,
    private readonly options: DnsServerOptions,
  ) {
    this.domain = options.clusterDomain ?? CLUSTER_DOMAIN;
  }

  /** The UDP and TCP ports actually bound (equal unless port 0 was asked). */
  ports(): { udp: number; tcp: number } {
    const tcp = this.tcp?.address();
    return { udp: this.udp?.address().port ?? 0, tcp: typeof tcp === "object" && tcp ? tcp.port : 0 };
  }

  async start(): Promise<void> {
    const { host, port } = this.options;
    const udp = createSocket({ type: "udp4", reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(port, host, () => {
        udp.off("error", reject);
        resolve();
      });
    });
    udp.on("error", (error) => this.options.log.warn(`dns udp: ${error.message}`));
    udp.on("message", (message, remote) => {
      void this.answer(message, false).then((reply) => {
        if (reply) udp.send(reply, remote.port, remote.address);
      });
    });
    this.udp = udp;
    // TCP on the same port as UDP, which matters when the port was picked by the kernel.
    const tcp = createServer((socket) => this.serveTcp(socket));
    await new Promise<void>((resolve, reject) => {
      tcp.once("error", reject);
      tcp.listen(udp.address().port, host, () => {
        tcp.off("error", reject);
        resolve();
      });
    });
    this.tcp = tcp;
    this.options.log.info(`cluster DNS on ${host}:${udp.address().port} (udp+tcp) for ${this.domain}; upstream ${this.options.upstreams.map((u) => `${u.host}:${u.port}`).join(", ") || "none"}`);
  }

  private serveTcp(socket: Socket): void {
    this.connections.add(socket);
    socket.setTimeout(10_000, () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + message.length);
        void this.answer(Buffer.from(message), true).then((reply) => {
          if (!reply || socket.destroyed) return;
          const length = Buffer.alloc(2);
          length.writeUInt16BE(reply.length);
          socket.write(Buffer.concat([length, reply]));
        });
      }
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.connections.delete(socket));
  }

  /** The reply to one query message (exported through the class for tests of framing). */
  async answer(message: Buffer, viaTcp: boolean): Promise<Buffer | undefined> {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return errorReply(message, RCODE.FORMERR);
    }
    const question = query.questions?.[0];
    if (query.type !== "query" || (query as { opcode?: string }).opcode !== "QUERY" || !question || query.questions?.length !== 1) {
      return errorReply(message, RCODE.NOTIMP);
    }
    let resolution: Resolution;
    try {
      resolution = resolveCluster(question, this.view, this.domain);
    } catch (error) {
      this.options.log.warn(`answering ${question.name}: ${errorMessage(error)}`);
      return errorReply(message, RCODE.SERVFAIL);
    }
    if (resolution.kind === "forward") {
      const answer = await forward(this.options.upstreams, message, viaTcp, this.options.upstreamDeadlineMs ?? 2000);
      return answer ?? errorReply(message, RCODE.SERVFAIL);
    }
    const reply: Packet = {
      type: "response",
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_AVAILABLE | (query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0) | resolution.rcode,
      questions: [question],
      answers: resolution.answers,
      authorities: resolution.authorities,
      additionals: resolution.additionals,
    };
    const encoded = dnsPacket.encode(reply);
    if (viaTcp || encoded.length <= UDP_LIMIT) return encoded;
    // Too big for plain UDP: the client retries over TCP.
    return dnsPacket.encode({ ...reply, flags: (reply.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE, answers: [], authorities: [], additionals: [] });
  }

  async stop(): Promise<void> {
    for (const socket of this.connections) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => (this.udp ? this.udp.close(() => resolve()) : resolve())),
      new Promise<void>((resolve) => (this.tcp ? this.tcp.close(() => resolve()) : resolve())),
    ]);
    this.udp = undefined;
    this.tcp = undefined;
  }
}
