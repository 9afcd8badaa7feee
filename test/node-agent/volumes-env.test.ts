// Environment and volumes as a container sees them: env values and
// references (ConfigMaps, Secrets, downward API, resources), $(VAR)
// expansion; configMap/secret/downwardAPI files with modes that follow
// updates; emptyDir on disk and in memory; hostPath; subPath.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigMap, Secret, Service } from "../../worker/schema/kinds.ts";
import { TEST_IMAGE, containerStatus, execIn, makePod, startTestNode, waitFor } from "./harness.ts";
import type { TestNode } from "./harness.ts";

let node: TestNode;
let hostDir: string;

function configMap(name: string, data: Record<string, string>): ConfigMap {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data };
}

function secret(name: string, data: Record<string, string>): Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace: "default" },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")])),
  };
}

function service(namespace: string, name: string, clusterIP: string, ports: { name?: string; port: number }[]): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { clusterIP, ports: ports.map((p) => ({ ...p, protocol: "TCP" })) } };
}

beforeAll(async () => {
  const services = [
    service("default", "kubernetes", "10.96.0.1", [{ name: "https", port: 443 }]),
    service("default", "web-api", "10.96.0.20", [{ name: "http", port: 80 }, { name: "metrics", port: 9090 }]),
    service("other", "elsewhere", "10.96.0.30", [{ port: 5432 }]),
  ];
  node = await startTestNode({ timing: { volumeRefreshMs: 1000, resyncMs: 1000 }, services });
  hostDir = await mkdtemp(join(tmpdir(), "kf-hostpath-"));
  node.objects.configMaps.set("default/app", configMap("app", { mode: "fast", "config.yaml": "level: 1\n", "bad key!": "x" }));
  node.objects.secrets.set("default/creds", secret("creds", { user: "admin", token: "t0k3n" }));
});

afterAll(async () => {
  await node?.destroy();
  if (hostDir) await rm(hostDir, { recursive: true, force: true });
});

async function runningPod(name: string, spec: Parameters<typeof makePod>[1], labels?: Record<string, string>): Promise<string> {
  const pod = node.cp.add(makePod(name, spec, { labels }));
  const uid = pod.metadata.uid ?? "";
  node.sync();
  await waitFor(`${name} running`, () => node.cp.status(uid).phase === "Running", 15_000);
  return uid;
}

describe("environment", () => {
  it("resolves values, references, envFrom and $(VAR) expansion", async () => {
    const uid = await runningPod(
      "env",
      {
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            command: ["sh", "-c", "sleep 3600"],
            workingDir: "/etc",
            env: [
              { name: "PLAIN", value: "plain" },
              { name: "EXPANDED", value: "$(PLAIN)-and-$(MISSING)-$$(PLAIN)" },
              { name: "MODE", valueFrom: { configMapKeyRef: { name: "app", key: "mode" } } },
              { name: "USER_NAME", valueFrom: { secretKeyRef: { name: "creds", key: "user" } } },
              { name: "OPTIONAL", valueFrom: { configMapKeyRef: { name: "nope", key: "x", optional: true } } },
              { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
              { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
              { name: "POD_UID", valueFrom: { fieldRef: { fieldPath: "metadata.uid" } } },
              { name: "TIER", valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
              { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
              { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
              { name: "HOST_IP", valueFrom: { fieldRef: { fieldPath: "status.hostIP" } } },
              { name: "MEM_LIMIT_MI", valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } } },
              { name: "API_URL", value: "http://$(WEB_API_SERVICE_HOST):$(WEB_API_SERVICE_PORT)/" },
            ],
            envFrom: [{ secretRef: { name: "creds" }, prefix: "S_" }, { configMapRef: { name: "app" } }],
            resources: { limits: { memory: "64Mi" } },
          },
        ],
        nodeName: node.nodeName,
      },
      { tier: "backend" },
    );
    const env = Object.fromEntries(
      (await execIn(node, uid, "main", ["env"])).output
        .trim()
        .split("\n")
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(env).toMatchObject({
      PLAIN: "plain",
      EXPANDED: "plain-and-$(MISSING)-$(PLAIN)",
      MODE: "fast",
      mode: "fast",
      USER_NAME: "admin",
      S_user: "admin",
      S_token: "t0k3n",
      POD_NAME: "env",
      POD_NAMESPACE: "default",
      POD_UID: uid,
      TIER: "backend",
      NODE: node.nodeName,
      POD_IP: node.cp.status(uid).podIP,
      HOST_IP: "127.0.0.1",
      MEM_LIMIT_MI: "64",
      API_URL: "http://10.96.0.20:80/",
      KUBERNETES_SERVICE_HOST: "10.96.0.1",
      KUBERNETES_SERVICE_PORT: "443",
      WEB_API_SERVICE_HOST: "10.96.0.20",
      WEB_API_SERVICE_PORT_METRICS: "9090",
      WEB_API_PORT: "tcp://10.96.0.20:80",
      WEB_API_PORT_9090_TCP_ADDR: "10.96.0.20",
    });
    expect(env.ELSEWHERE_SERVICE_HOST).toBeUndefined();
    expect(env.OPTIONAL).toBeUndefined();
    expect(env["bad key!"]).toBeUndefined();
    expect(node.cp.events.some((e) => e.pod === "env" && e.reason === "InvalidEnvironmentVariableNames")).toBe(true);
    expect((await execIn(node, uid, "main", ["pwd"])).output.trim()).toBe("/etc");
  });

  it("waits with CreateContainerConfigError for a missing ConfigMap, then starts once it exists", async () => {
    const pod = node.cp.add(
      makePod("late-config", {
        containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"], env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "late", key: "x" } } }] }],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    const waiting = await waitFor("config error", () => containerStatus(node.cp.status(uid), "main")?.state?.waiting);
    expect(waiting).toEqual({ reason: "CreateContainerConfigError", message: 'configmap "late" not found' });
    node.objects.configMaps.set("default/late", configMap("late", { x: "1" }));
    await waitFor("running", () => node.cp.status(uid).phase === "Running", 15_000);
  });
});

describe("volumes", () => {
  it("projects configMap, secret and downwardAPI files with their modes, and follows updates", async () => {
    const uid = await runningPod(
      "files",
      {
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            command: ["sleep", "3600"],
            volumeMounts: [
              { name: "config", mountPath: "/config" },
              { name: "creds", mountPath: "/creds" },
              { name: "info", mountPath: "/info" },
              { name: "config", mountPath: "/etc/app.yaml", subPath: "config.yaml" },
            ],
          },
        ],
        volumes: [
          { name: "config", configMap: { name: "app", items: [{ key: "config.yaml", path: "config.yaml" }, { key: "mode", path: "nested/mode", mode: 0o600 }] } },
          { name: "creds", secret: { secretName: "creds", defaultMode: 0o400 } },
          { name: "info", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }, { path: "name", fieldRef: { fieldPath: "metadata.name" } }] } },
        ],
      },
      { app: "files", tier: "web" },
    );
    const sh = async (script: string) => (await execIn(node, uid, "main", ["sh", "-c", script])).output.trim();
    expect(await sh("cat /config/config.yaml")).toBe("level: 1");
    expect(await sh("cat /config/nested/mode; echo; stat -L -c %a /config/nested/mode")).toBe("fast\n600");
    expect(await sh("ls /config")).toBe("config.yaml\nnested");
    expect(await sh("cat /creds/token; echo; stat -L -c %a /creds/token")).toBe("t0k3n\n400");
    expect(await sh("cat /info/labels")).toBe('app="files"\ntier="web"');
    expect(await sh("cat /etc/app.yaml")).toBe("level: 1");
    expect((await execIn(node, uid, "main", ["sh", "-c", "echo x > /config/new"])).exitCode).not.toBe(0);

    node.objects.configMaps.set("default/app", configMap("app", { mode: "slow", "config.yaml": "level: 2\n" }));
    await waitFor("updated file", async () => (await sh("cat /config/config.yaml")) === "level: 2", 10_000, 200);
    expect(await sh("cat /config/nested/mode")).toBe("slow");
    // A label change reaches the downwardAPI file too.
    const pod = structuredClone(node.cp.get(uid));
    pod.metadata.labels = { app: "files", tier: "api" };
    node.cp.add(pod);
    node.sync();
    await waitFor("updated labels", async () => (await sh("cat /info/labels")) === 'app="files"\ntier="api"', 10_000, 200);
  });

  it("shares emptyDir volumes between containers, on disk and in memory (tmpfs)", async () => {
    const uid = await runningPod("shared", {
      containers: [
        { name: "writer", image: TEST_IMAGE, command: ["sh", "-c", "echo disk > /disk/f; echo mem > /mem/f; sleep 3600"], volumeMounts: [{ name: "disk", mountPath: "/disk" }, { name: "mem", mountPath: "/mem" }] },
        { name: "reader", image: TEST_IMAGE, command: ["sleep", "3600"], volumeMounts: [{ name: "disk", mountPath: "/disk" }, { name: "mem", mountPath: "/mem" }] },
      ],
      volumes: [
        { name: "disk", emptyDir: {} },
        { name: "mem", emptyDir: { medium: "Memory", sizeLimit: "8Mi" } },
      ],
    });
    await waitFor("files written", async () => (await execIn(node, uid, "reader", ["cat", "/disk/f", "/mem/f"])).output.trim() === "disk\nmem");
    const mounts = (await execIn(node, uid, "reader", ["cat", "/proc/mounts"])).output;
    expect(mounts).toMatch(/^tmpfs \/mem tmpfs .*size=8192k/m);
  });

  it("mounts hostPath volumes, creating DirectoryOrCreate, and reports a missing File as FailedMount", async () => {
    await writeFile(join(hostDir, "given.txt"), "from host\n");
    const uid = await runningPod("host", {
      containers: [
        {
          name: "main",
          image: TEST_IMAGE,
          command: ["sh", "-c", "echo made > /made/out; sleep 3600"],
          volumeMounts: [{ name: "given", mountPath: "/given.txt", readOnly: true }, { name: "made", mountPath: "/made" }],
        },
      ],
      volumes: [
        { name: "given", hostPath: { path: join(hostDir, "given.txt"), type: "File" } },
        { name: "made", hostPath: { path: join(hostDir, "made"), type: "DirectoryOrCreate" } },
      ],
    });
    expect((await execIn(node, uid, "main", ["cat", "/given.txt"])).output).toBe("from host\n");
    await waitFor("written to the host", async () => (await readFile(join(hostDir, "made", "out"), "utf8").catch(() => "")) === "made\n");

    const missing = node.cp.add(
      makePod("host-missing", {
        containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"], volumeMounts: [{ name: "v", mountPath: "/v" }] }],
        volumes: [{ name: "v", hostPath: { path: join(hostDir, "absent"), type: "File" } }],
      }),
    );
    node.sync();
    const event = await waitFor("FailedMount", () => node.cp.events.find((e) => e.pod === "host-missing" && e.reason === "FailedMount"));
    expect(event.message).toMatch(/MountVolume.SetUp failed for volume "v" : hostPath type check failed: .*absent is not a file/);
    expect(containerStatus(node.cp.status(missing.metadata.uid ?? ""), "main")?.state?.waiting?.reason ?? "ContainerCreating").toBe("ContainerCreating");
  });
});
