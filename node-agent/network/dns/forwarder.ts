// Forwarding names outside the cluster domain to the host's resolvers. Each
// upstream gets a share of a short deadline, so a pod whose upstream is gone
// gets SERVFAIL quickly instead of hanging through its own retries.
import { createSocket } from "node:dgram";
import { connect } from "node:net";

export interface Upstream {
  host: string;
  port: number;
}

function queryUdp(upstream: Upstream, message: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const socket = createSocket(upstream.host.includes(":") ? "udp6" : "udp4");
    const id = message.readUInt16BE(0);
    const finish = (error: Error | undefined, answer?: Buffer) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(answer as Buffer);
    };
    const timer = setTimeout(() => finish(new Error(`${upstream.host}:${upstream.port} did not answer within ${timeoutMs} ms`)), timeoutMs);
    // A connected socket reports ICMP port-unreachable as an error at once.
    socket.on("error", (error) => finish(error));
    socket.on("message", (answer) => {
      if (answer.length >= 2 && answer.readUInt16BE(0) === id) finish(undefined, answer);
    });
    socket.connect(upstream.port, upstream.host, () => socket.send(message));
  });
}

function queryTcp(upstream: Upstream, message: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const socket = connect({ host: upstream.host, port: upstream.port });
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(new Error(`${upstream.host}:${upstream.port} (tcp) did not answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("connect", () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(message.length);
      socket.write(Buffer.concat([length, message]));
    });
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        clearTimeout(timer);
        socket.end();
        resolve(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
      }
    });
  });
}

const TRUNCATED = 0x0200;

/** The upstream's raw answer, or undefined when none answered in time. */
export async function forward(upstreams: Upstream[], message: Buffer, viaTcp: boolean, deadlineMs: number): Promise<Buffer | undefined> {
  if (upstreams.length === 0) return undefined;
  const share = Math.max(200, Math.floor(deadlineMs / upstreams.length));
  for (const upstream of upstreams) {
    try {
      const answer = await queryUdp(upstream, message, share);
      // A truncated UDP answer is retried over TCP when the client can take a large answer.
      if (viaTcp && answer.length >= 4 && (answer.readUInt16BE(2) & TRUNCATED) !== 0) return await queryTcp(upstream, message, share);
      return answer;
    } catch {
      continue;
    }
  }
  return undefined;
}
