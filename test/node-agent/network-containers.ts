// Plain busybox containers on a pod network for the network tests: backends
// serving their own name over HTTP, clients to exec wget/nslookup in.
import type Dockerode from "dockerode";
import { TEST_IMAGE } from "./docker-fixtures.ts";

export const NET_TEST_LABEL = "io.kubeflare.network-test";

export interface TestContainer {
  id: string;
  ip: string;
  name: string;
}

export async function runContainer(docker: Dockerode, network: string, name: string, command: string, dns?: { servers: string[]; searches: string[]; options: string[] }): Promise<TestContainer> {
  const container = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ["sh", "-c", command],
    Labels: { [NET_TEST_LABEL]: network },
    HostConfig: { NetworkMode: network, Dns: dns?.servers, DnsSearch: dns?.searches, DnsOptions: dns?.options, AutoRemove: false },
  });
  await container.start();
  const info = await container.inspect();
  return { id: info.Id, ip: info.NetworkSettings.Networks[network]?.IPAddress ?? "", name };
}

/** An HTTP backend answering its own name on port 8080. */
export function runBackend(docker: Dockerode, network: string, name: string): Promise<TestContainer> {
  return runContainer(docker, network, name, `mkdir -p /www && echo ${name} > /www/index.html && exec httpd -f -p 8080 -h /www`);
}

export async function exec(docker: Dockerode, id: string, cmd: string[]): Promise<{ code: number; output: string }> {
  const run = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await run.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve());
    stream.on("error", reject);
  });
  // Docker multiplexes stdout/stderr with 8-byte frame headers.
  const raw = Buffer.concat(chunks);
  let output = "";
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    output += raw.subarray(at + 8, at + 8 + size).toString("utf8");
    at += 8 + size;
  }
  const info = await run.inspect();
  return { code: info.ExitCode ?? -1, output };
}

/**
 * GETs http://host:port/ `count` times from inside a container; returns the
 * bodies (or "ERR"). nc, not wget: the static busybox's wget crashes in
 * glibc's resolver setup even for numeric addresses.
 */
export async function fetchMany(docker: Dockerode, id: string, host: string, port: number, count: number): Promise<string[]> {
  const request = String.raw`GET / HTTP/1.0\r\n\r\n`;
  const script = `for i in $(seq ${count}); do out=$(printf "${request}" | nc -w 2 ${host} ${port} 2>/dev/null | tail -n 1); echo "\${out:-ERR}"; done`;
  const { output } = await exec(docker, id, ["sh", "-c", script]);
  return output.split("\n").map((l) => l.trim()).filter(Boolean);
}

export async function removeNetworkTestContainers(docker: Dockerode, network?: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [network ? `${NET_TEST_LABEL}=${network}` : NET_TEST_LABEL] } });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => {})));
}
