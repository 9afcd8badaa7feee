// The agent's pure pieces: flag parsing, status patches, $(VAR) expansion,
// pod phase, back-off arithmetic, registry credentials, Docker log frames.
import { describe, expect, it } from "vitest";
import { UsageError, parseAgentArgs } from "../../node-agent/config/args.ts";
import { diffMap } from "../../node-agent/control-plane/two-way-patch.ts";
import { expandVars } from "../../node-agent/pods/expand.ts";
import { podPhase } from "../../node-agent/pods/pod-status.ts";
import { registryAuths } from "../../node-agent/pods/registry-auth.ts";
import { goDuration } from "../../node-agent/pods/restart-policy.ts";
import { serviceEnv } from "../../node-agent/pods/service-env.ts";
import { podStatusPatch } from "../../node-agent/pods/status-patch.ts";
import { demuxDockerLog } from "../../node-agent/runtime/docker/log-demux.ts";
import { pauseExecutableX64 } from "../../node-agent/runtime/docker/pause-binary.ts";
import { Backoff } from "../../node-agent/util/backoff.ts";
import { applyPatch } from "../../worker/patch/index.ts";
import type { KubeObject } from "../../worker/apimachinery/object.ts";
import type { ContainerStatus, Pod, Secret } from "../../worker/schema/kinds.ts";
import { makePod } from "./harness.ts";

describe("flags", () => {
  const base = ["--server", "https://127.0.0.1:8787", "--token", "t"];
  it("parses a full command line", () => {
    const options = parseAgentArgs([...base, "--name", "n1", "--labels", "zone=a,tier=web", "--max-pods", "20", "--allow-privileged", "--insecure-skip-tls-verify"], {});
    expect(options).toMatchObject({ nodeName: "n1", labels: { zone: "a", tier: "web" }, maxPods: 20, allowPrivileged: true, insecureSkipTlsVerify: true, dockerHost: "unix:///var/run/docker.sock" });
  });
  it.each([
    [["--token", "t"], /--server is required/],
    [["--server", "https://x"], /--token is required/],
    [[...base, "--name", "Bad_Name"], /not a valid node name/],
    [[...base, "--max-pods", "0"], /--max-pods/],
    [[...base, "--labels", "novalue"], /not key=value/],
    [[...base, "--docker-host", "nonsense"], /--docker-host/],
    [[...base, "--frobnicate"], /Unknown option '--frobnicate'/],
  ])("explains %j in one line", (argv, message) => {
    expect(() => parseAgentArgs(argv, {})).toThrow(UsageError);
    expect(() => parseAgentArgs(argv, {})).toThrow(message);
  });
  it("takes the token from the environment", () => {
    expect(parseAgentArgs(["--server", "https://x", "--name", "n"], { KUBEFLARE_JOIN_TOKEN: "env-token" })).toMatchObject({ joinToken: "env-token" });
  });
});

describe("status patches", () => {
  const running: ContainerStatus = { name: "main", ready: true, restartCount: 0, image: "i", state: { running: { startedAt: "2026-01-01T00:00:00Z" } }, lastState: {} };
  it("is empty when nothing changed, and never touches fields the agent does not own", () => {
    const status = { phase: "Running" as const, conditions: [{ type: "Ready", status: "True" }], containerStatuses: [running] };
    const server = { ...status, nominatedNodeName: "x", conditions: [...status.conditions, { type: "DisruptionTarget", status: "True" }] };
    expect(podStatusPatch(server, status)).toBeUndefined();
  });
  it("moves a container from running to terminated as the server merges it", () => {
    const pod = makePod("p", { containers: [{ name: "main", image: "i" }] }) as unknown as KubeObject;
    const old = { phase: "Running" as const, conditions: [{ type: "Ready", status: "True" }, { type: "Custom", status: "True" }], containerStatuses: [running] };
    (pod as { status?: unknown }).status = old;
    const terminated: ContainerStatus = { ...running, ready: false, state: { terminated: { exitCode: 1, reason: "Error" } }, lastState: {} };
    const desired = { phase: "Failed" as const, conditions: [{ type: "Ready", status: "False", reason: "PodCompleted" }], containerStatuses: [terminated] };
    const patch = podStatusPatch(old, desired);
    const merged = applyPatch("strategic", pod, patch) as unknown as Pod;
    expect(merged.status?.containerStatuses?.[0].state).toEqual({ terminated: { exitCode: 1, reason: "Error" } });
    expect(merged.status?.conditions).toEqual([{ type: "Ready", status: "False", reason: "PodCompleted" }, { type: "Custom", status: "True" }]);
    expect(merged.status?.phase).toBe("Failed");
  });
  it("deletes keyed list items that are gone and nulls removed fields", () => {
    expect(diffMap({ a: 1, list: [{ type: "X", v: 1 }, { type: "Y", v: 2 }] }, { list: [{ type: "X", v: 3 }] }, { list: "type" })).toEqual({
      a: null,
      list: [{ type: "X", v: 3 }, { type: "Y", $patch: "delete" }],
    });
  });
});

describe("expansion", () => {
  it("follows Kubernetes' rules", () => {
    const vars = new Map([["A", "1"], ["B", "two"]]);
    const get = (n: string) => vars.get(n);
    expect(expandVars("$(A)-$(B)", get)).toBe("1-two");
    expect(expandVars("$(C) $$(A) $A $(A", get)).toBe("$(C) $(A) $A $(A");
  });
});

describe("phase", () => {
  const pod = (restartPolicy: "Always" | "OnFailure" | "Never") => makePod("p", { restartPolicy, containers: [{ name: "a" }] });
  const term = (exitCode: number): ContainerStatus => ({ name: "a", ready: false, restartCount: 0, image: "", state: { terminated: { exitCode } } });
  it("matches kubelet's getPhase", () => {
    expect(podPhase(pod("Always"), [], [term(0)], false)).toBe("Running");
    expect(podPhase(pod("OnFailure"), [], [term(0)], false)).toBe("Succeeded");
    expect(podPhase(pod("OnFailure"), [], [term(1)], false)).toBe("Running");
    expect(podPhase(pod("Never"), [], [term(1)], false)).toBe("Failed");
    expect(podPhase(pod("Always"), [], [{ name: "a", ready: false, restartCount: 0, image: "", state: { waiting: { reason: "ContainerCreating" } } }], false)).toBe("Pending");
    expect(podPhase(pod("Always"), [], [term(143)], true)).toBe("Failed");
    expect(podPhase(pod("Always"), [], [term(0)], true)).toBe("Succeeded");
  });
});

describe("back-off", () => {
  it("is immediate first, then doubles to the maximum, and resets after a quiet spell", () => {
    let now = 0;
    const b = new Backoff({ initialMs: 10_000, maxMs: 300_000, resetMs: 600_000 }, () => now);
    expect(b.remainingMs("c", now)).toBe(0);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next("c");
      delays.push(b.currentMs("c"));
    }
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(b.remainingMs("c", now)).toBe(300_000);
    now += 600_001;
    expect(b.remainingMs("c", now - 1)).toBe(0);
    b.next("c");
    expect(b.currentMs("c")).toBe(10_000);
    expect([10_000, 80_000, 300_000].map(goDuration)).toEqual(["10s", "1m20s", "5m0s"]);
  });
});

describe("registry credentials", () => {
  it("picks the dockerconfigjson entries for the image's registry", () => {
    const config = { auths: { "registry.example.com": { auth: Buffer.from("u:p").toString("base64") }, "https://index.docker.io/v1/": { username: "hub", password: "pw" } } };
    const secret: Secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "pull" }, type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": Buffer.from(JSON.stringify(config)).toString("base64") } };
    expect(registryAuths("registry.example.com/team/app:1", [secret])).toEqual([{ serveraddress: "registry.example.com", username: "u", password: "p", identitytoken: undefined }]);
    expect(registryAuths("nginx:1.27", [secret])).toEqual([{ serveraddress: "https://index.docker.io/v1/", username: "hub", password: "pw", identitytoken: undefined }]);
    expect(registryAuths("ghcr.io/x/y", [secret])).toEqual([]);
  });
});

describe("service environment variables", () => {
  it("covers the pod's namespace, or only the API server without service links", () => {
    const svc = (namespace: string, name: string, clusterIP: string) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { clusterIP, ports: [{ port: 80, protocol: "TCP" as const }] } });
    const services = [svc("default", "kubernetes", "10.96.0.1"), svc("team", "my-db", "10.96.0.9"), svc("team", "headless", "None")];
    const linked = serviceEnv(makePod("p", { containers: [] }, { namespace: "team" }), services);
    expect(linked.get("MY_DB_SERVICE_HOST")).toBe("10.96.0.9");
    expect(linked.get("KUBERNETES_SERVICE_HOST")).toBe("10.96.0.1");
    expect(linked.has("HEADLESS_SERVICE_HOST")).toBe(false);
    const unlinked = serviceEnv(makePod("p", { containers: [], enableServiceLinks: false }, { namespace: "team" }), services);
    expect([...unlinked.keys()].every((k) => k.startsWith("KUBERNETES_"))).toBe(true);
  });
});

describe("docker log frames", () => {
  it("drops the 8-byte headers, even when frames split across chunks", async () => {
    const frame = (stream: number, text: string) => {
      const payload = Buffer.from(text);
      const header = Buffer.alloc(8);
      header[0] = stream;
      header.writeUInt32BE(payload.length, 4);
      return Buffer.concat([header, payload]);
    };
    const all = Buffer.concat([frame(1, "out 1\n"), frame(2, "err 1\n"), frame(1, "out 2\n")]);
    async function* chunks() {
      yield all.subarray(0, 5);
      yield all.subarray(5, 17);
      yield all.subarray(17);
    }
    let text = "";
    for await (const piece of demuxDockerLog(chunks())) text += piece.toString();
    expect(text).toBe("out 1\nerr 1\nout 2\n");
  });
});

describe("pause executable", () => {
  it("is a 129-byte static x86-64 ELF", () => {
    const elf = pauseExecutableX64();
    expect(elf.length).toBe(129);
    expect(elf.subarray(0, 4).toString("latin1")).toBe("\x7fELF");
  });
});
