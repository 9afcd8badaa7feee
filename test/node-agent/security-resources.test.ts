// securityContext and resources as Docker applies them: users and groups,
// read-only root, capabilities, privileged refused unless allowed,
// runAsNonRoot; memory, CPU quota and shares; host ports.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_IMAGE, containerStatus, execIn, makePod, startTestNode, waitFor } from "./harness.ts";
import type { TestNode } from "./harness.ts";

let node: TestNode;
let privilegedNode: TestNode;

beforeAll(async () => {
  node = await startTestNode();
  privilegedNode = await startTestNode({ allowPrivileged: true });
});

afterAll(async () => {
  await node?.destroy();
  await privilegedNode?.destroy();
});

async function running(target: TestNode, name: string, spec: Parameters<typeof makePod>[1]): Promise<string> {
  const pod = target.cp.add(makePod(name, spec));
  const uid = pod.metadata.uid ?? "";
  target.sync();
  await waitFor(`${name} running`, () => target.cp.status(uid).phase === "Running", 15_000);
  return uid;
}

async function containerInfo(target: TestNode, uid: string, name: string) {
  const id = containerStatus(target.cp.status(uid), name)?.containerID?.slice("docker://".length) ?? "";
  return target.runtime.docker.getContainer(id).inspect();
}

describe("securityContext", () => {
  it("runs as the requested user and groups, with a read-only root and dropped capabilities", async () => {
    const uid = await running(node, "locked", {
      securityContext: { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000] },
      containers: [
        {
          name: "main",
          image: TEST_IMAGE,
          command: ["sleep", "3600"],
          securityContext: { readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] }, allowPrivilegeEscalation: false },
        },
      ],
    });
    expect((await execIn(node, uid, "main", ["id", "-u"])).output.trim()).toBe("1000");
    expect((await execIn(node, uid, "main", ["id", "-g"])).output.trim()).toBe("3000");
    expect((await execIn(node, uid, "main", ["id", "-G"])).output.trim().split(" ")).toContain("4000");
    expect((await execIn(node, uid, "main", ["touch", "/x"])).exitCode).not.toBe(0);
    expect((await execIn(node, uid, "main", ["sh", "-c", "grep CapEff /proc/self/status"])).output).toMatch(/CapEff:\s+0000000000000000/);
    const info = await containerInfo(node, uid, "main");
    expect(info.HostConfig.SecurityOpt).toContain("no-new-privileges");
  });

  it("adds capabilities", async () => {
    const uid = await running(node, "netadmin", {
      containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"], securityContext: { capabilities: { add: ["NET_ADMIN"] } } }],
    });
    expect((await execIn(node, uid, "main", ["ip", "link", "set", "lo", "mtu", "1400"])).exitCode).toBe(0);
  });

  it("refuses privileged containers unless the agent allows them", async () => {
    const spec = { containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"], securityContext: { privileged: true } }] };
    const refused = node.cp.add(makePod("priv", spec));
    node.sync();
    const waiting = await waitFor("refused", () => containerStatus(node.cp.status(refused.metadata.uid ?? ""), "main")?.state?.waiting);
    expect(waiting.reason).toBe("CreateContainerConfigError");
    expect(waiting.message).toMatch(/privileged containers are not allowed on node .* --allow-privileged/);

    const uid = await running(privilegedNode, "priv", spec);
    expect((await containerInfo(privilegedNode, uid, "main")).HostConfig.Privileged).toBe(true);
  });

  it("refuses runAsNonRoot for an image that runs as root", async () => {
    const pod = node.cp.add(makePod("nonroot", { securityContext: { runAsNonRoot: true }, containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"] }] }));
    node.sync();
    const waiting = await waitFor("refused", () => containerStatus(node.cp.status(pod.metadata.uid ?? ""), "main")?.state?.waiting);
    expect(waiting).toMatchObject({ reason: "CreateContainerConfigError" });
    expect(waiting.message).toMatch(/runAsNonRoot and image will run as root/);
  });
});

describe("resources and ports", () => {
  it("turns limits into a memory limit and CFS quota, and requests into CPU shares", async () => {
    const uid = await running(node, "sized", {
      containers: [
        {
          name: "main",
          image: TEST_IMAGE,
          command: ["sleep", "3600"],
          resources: { requests: { cpu: "250m", memory: "32Mi" }, limits: { cpu: "500m", memory: "64Mi" } },
        },
      ],
    });
    const info = await containerInfo(node, uid, "main");
    expect(info.HostConfig).toMatchObject({ Memory: 64 * 2 ** 20, CpuQuota: 50_000, CpuPeriod: 100_000, CpuShares: 256 });
    expect(node.cp.status(uid).qosClass).toBe("Burstable");
    const guaranteed = await running(node, "guaranteed", {
      containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"], resources: { requests: { cpu: "1", memory: "32Mi" }, limits: { cpu: "1", memory: "32Mi" } } }],
    });
    expect(node.cp.status(guaranteed).qosClass).toBe("Guaranteed");
    expect((await containerInfo(node, guaranteed, "main")).HostConfig.CpuShares).toBe(1024);
  });

  it("publishes hostPorts on the host", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    await running(node, "hostport", {
      containers: [
        {
          name: "web",
          image: TEST_IMAGE,
          command: ["sh", "-c", "mkdir -p /www && echo via-host-port > /www/index.html && exec httpd -f -p 8080 -h /www"],
          ports: [{ containerPort: 8080, hostPort: port }],
        },
      ],
    });
    const body = await waitFor("answer on the host port", () =>
      new Promise<string | undefined>((resolve) => {
        const req = request({ host: "127.0.0.1", port, path: "/" }, (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => resolve(text));
        });
        req.on("error", () => resolve(undefined));
        req.end();
      }),
    );
    expect(body.trim()).toBe("via-host-port");
  });
});
