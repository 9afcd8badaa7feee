// Simulated hosts for the multi-host tests: each is a network namespace with
// a veth into one shared bridge (a "LAN"), and its own dockerd running inside
// the namespace. Nothing here reaches beyond that bridge: the namespaces have
// no default route.
import { spawn, execFile } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { openSync, closeSync } from "node:fs";
import { mkdir, readFile, readdir, rm } from "node:fs/promises";
import { promisify } from "node:util";
import Dockerode from "dockerode";

const run = promisify(execFile);

/** Everything this file creates is named with it, so leftovers can be found. */
export const PREFIX = "kfmh";
export const ROOT_DIR = `/tmp/${PREFIX}`;
export const BRIDGE = `${PREFIX}-br0`;
export const LAN_PREFIX = "172.31.250";
export const LAN_GATEWAY = `${LAN_PREFIX}.1`;
const RULE_COMMENT = `${PREFIX} test lan`;

export interface Host {
  name: string;
  netns: string;
  ip: string;
  dir: string;
  socket: string;
  docker: Dockerode;
  dockerd: ChildProcess;
}

async function sh(command: string, ...args: string[]): Promise<string> {
  try {
    return (await run(command, args)).stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")}: ${e.stderr?.trim() || e.message}`);
  }
}

async function trySh(command: string, ...args: string[]): Promise<void> {
  await run(command, args).catch(() => {});
}

export async function requireTools(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error("the multi-host tests need root (network namespaces, iptables, dockerd)");
  for (const tool of ["ip", "iptables", "nsenter", "dockerd", "/bin/busybox"]) {
    await sh("sh", "-c", `command -v ${tool}`).catch(() => {
      throw new Error(`the multi-host tests need ${tool} (apt-get install -y iproute2 iptables util-linux docker.io busybox-static)`);
    });
  }
}

/** The shared L2 network between the hosts, with forwarding allowed across it on this machine. */
export async function createLan(): Promise<void> {
  await sh("ip", "link", "add", BRIDGE, "type", "bridge");
  await sh("ip", "addr", "add", `${LAN_GATEWAY}/24`, "dev", BRIDGE);
  await sh("ip", "link", "set", BRIDGE, "up");
  // Docker on this machine sets FORWARD to DROP, and bridged frames pass it (br_netfilter).
  await sh("iptables", "-w", "5", "-I", "FORWARD", "-i", BRIDGE, "-o", BRIDGE, "-m", "comment", "--comment", RULE_COMMENT, "-j", "ACCEPT");
}

export async function destroyLan(): Promise<void> {
  await trySh("ip", "link", "del", BRIDGE);
  while ((await run("iptables", ["-w", "5", "-D", "FORWARD", "-i", BRIDGE, "-o", BRIDGE, "-m", "comment", "--comment", RULE_COMMENT, "-j", "ACCEPT"]).then(() => true, () => false))) {
    // Every copy.
  }
}

async function waitForDocker(docker: Dockerode, dockerd: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (dockerd.exitCode !== null) break;
    try {
      await docker.ping();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const tail = (await readFile(log, "utf8").catch(() => "")).split("\n").slice(-15).join("\n");
  throw new Error(`dockerd in the namespace did not come up:\n${tail}`);
}

export async function createHost(name: string, index: number): Promise<Host> {
  const netns = `${PREFIX}-${name}`;
  const ip = `${LAN_PREFIX}.${10 + index}`;
  const dir = `${ROOT_DIR}/${name}`;
  const outer = `${PREFIX}-${name}-h`;
  const inner = `${PREFIX}-${name}-n`;
  await mkdir(dir, { recursive: true });
  await sh("ip", "netns", "add", netns);
  await sh("ip", "link", "add", outer, "type", "veth", "peer", "name", inner);
  await sh("ip", "link", "set", inner, "netns", netns);
  await sh("ip", "-n", netns, "link", "set", inner, "name", "eth0");
  await sh("ip", "-n", netns, "addr", "add", `${ip}/24`, "dev", "eth0");
  await sh("ip", "-n", netns, "link", "set", "eth0", "up");
  await sh("ip", "-n", netns, "link", "set", "lo", "up");
  await sh("ip", "link", "set", outer, "master", BRIDGE);
  await sh("ip", "link", "set", outer, "up");

  const socket = `${dir}/docker.sock`;
  const log = `${dir}/dockerd.log`;
  const out = openSync(log, "a");
  // nsenter, not `ip netns exec`: the latter also remounts /sys, hiding the cgroup mounts dockerd needs.
  const dockerd = spawn(
    "nsenter",
    [
      `--net=/var/run/netns/${netns}`, "dockerd",
      "--data-root", `${dir}/data`,
      "--exec-root", `${dir}/exec`,
      "--pidfile", `${dir}/docker.pid`,
      "-H", `unix://${socket}`,
      "--bridge=none",
      "--iptables=true",
      "--ip-masq=false",
      "--userland-proxy=false",
    ],
    { stdio: ["ignore", out, out] },
  );
  closeSync(out);
  const docker = new Dockerode({ socketPath: socket });
  await waitForDocker(docker, dockerd, log);
  return { name, netns, ip, dir, socket, docker, dockerd };
}

/** Stops the host's containers and dockerd (by the process we started) and deletes its namespace. */
export async function destroyHost(host: Host): Promise<void> {
  const containers = await host.docker.listContainers({ all: true }).catch(() => []);
  await Promise.all(containers.map((c) => host.docker.getContainer(c.Id).remove({ force: true }).catch(() => {})));
  await stopProcess(host.dockerd, 20_000);
  await trySh("ip", "netns", "del", host.netns);
  await trySh("ip", "link", "del", `${PREFIX}-${host.name}-h`);
}

export async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

async function unmountUnder(dir: string): Promise<void> {
  const mounts = (await readFile("/proc/mounts", "utf8")).split("\n").map((l) => l.split(" ")[1]).filter((m) => m?.startsWith(`${dir}/`));
  // Deepest first.
  for (const mount of mounts.sort((a, b) => b.length - a.length)) await trySh("umount", "-l", mount);
}

/** Removes everything any run of these tests created; safe to call at any time. */
export async function removeLeftovers(): Promise<void> {
  // dockerds from an interrupted run, by the pid they recorded (ours only).
  for (const name of await readdir(ROOT_DIR).catch(() => [] as string[])) {
    const pid = Number((await readFile(`${ROOT_DIR}/${name}/docker.pid`, "utf8").catch(() => "")).trim());
    if (pid > 0) {
      try {
        process.kill(pid, "SIGTERM");
        for (let i = 0; i < 100; i++) {
          process.kill(pid, 0);
          await new Promise((r) => setTimeout(r, 100));
        }
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone.
      }
    }
  }
  const namespaces = (await sh("ip", "netns", "list").catch(() => "")).split("\n").map((l) => l.split(" ")[0]).filter((n) => n.startsWith(`${PREFIX}-`));
  for (const netns of namespaces) await trySh("ip", "netns", "del", netns);
  const links = (await sh("ip", "-o", "link", "show").catch(() => "")).split("\n").map((l) => /^\d+: ([^:@]+)/.exec(l)?.[1]).filter((n): n is string => !!n && n.startsWith(`${PREFIX}-`));
  for (const link of links) await trySh("ip", "link", "del", link);
  while ((await run("iptables", ["-w", "5", "-D", "FORWARD", "-i", BRIDGE, "-o", BRIDGE, "-m", "comment", "--comment", RULE_COMMENT, "-j", "ACCEPT"]).then(() => true, () => false))) {
    // Every copy.
  }
  await unmountUnder(ROOT_DIR);
  await rm(ROOT_DIR, { recursive: true, force: true }).catch(() => {});
}
