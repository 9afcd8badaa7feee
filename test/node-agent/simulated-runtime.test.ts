// The simulated runtime (a test tool) under the real pod manager and pod
// workers: pods reach Running and Ready with an IP from the node's podCIDR,
// trivial commands exit as they would, and deletion stops and removes
// everything. No Docker involved.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../node-agent/log.ts";
import { DEFAULT_TIMING } from "../../node-agent/pods/deps.ts";
import type { PodWorkerDeps } from "../../node-agent/pods/deps.ts";
import { ImageManager } from "../../node-agent/pods/images.ts";
import { ImageRefs } from "../../node-agent/pods/image-refs.ts";
import { StaticObjectSource } from "../../node-agent/pods/object-source.ts";
import { PodManager } from "../../node-agent/pods/pod-manager.ts";
import { SimulatedRuntime } from "../../node-agent/runtime/simulated/simulated-runtime.ts";
import { simulatedOutcome } from "../../node-agent/runtime/simulated/trivial-commands.ts";
import { FakeControlPlane, condition, containerStatus, makePod, waitFor } from "./harness.ts";

let cleanup: (() => Promise<void>) | undefined;

afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function simulatedNode(podCidr: string): Promise<{ cp: FakeControlPlane; runtime: SimulatedRuntime; manager: PodManager }> {
  const stateDir = await mkdtemp(join(tmpdir(), "kf-sim-runtime-"));
  const cp = new FakeControlPlane();
  const runtime = new SimulatedRuntime(podCidr);
  const timing = { ...DEFAULT_TIMING };
  const deps: PodWorkerDeps = {
    runtime,
    node: { nodeName: "sim-test", hostIP: () => "127.0.0.1", allocatable: { cpu: 4, memory: 8 * 2 ** 30, ephemeralStorage: 0 }, memoryCapacity: 8 * 2 ** 30, allowPrivileged: false },
    podsDir: join(stateDir, "pods"),
    objects: new StaticObjectSource(),
    status: cp,
    events: cp,
    images: new ImageManager(runtime, timing.backoff),
    imageRefs: new ImageRefs(runtime),
    log: silentLogger,
    timing,
  };
  const manager = new PodManager(deps, 110);
  manager.start();
  cleanup = async () => {
    manager.stop();
    await rm(stateDir, { recursive: true, force: true });
  };
  return { cp, runtime, manager };
}

describe("simulated runtime", () => {
  it("knows how trivial commands end", () => {
    expect(simulatedOutcome(["true"], undefined)).toEqual({ exitAfterMs: 10, exitCode: 0 });
    expect(simulatedOutcome(["sh", "-c", "exit 3"], undefined)).toEqual({ exitAfterMs: 10, exitCode: 3 });
    expect(simulatedOutcome(["sleep"], ["2"])).toEqual({ exitAfterMs: 2000, exitCode: 0 });
    expect(simulatedOutcome(["sleep", "3600"], undefined).exitAfterMs).toBe(3_600_000);
    expect(simulatedOutcome(["nginx", "-g", "daemon off;"], undefined).exitAfterMs).toBeUndefined();
  });

  it("runs a pod to Running and Ready with an IP from the podCIDR, and stops it on deletion", async () => {
    const { cp, runtime, manager } = await simulatedNode("10.244.7.0/24");
    const pod = cp.add(makePod("web", { containers: [{ name: "main", image: "example/web:1" }], terminationGracePeriodSeconds: 1 }));
    const uid = pod.metadata.uid ?? "";
    manager.setPods([...cp.pods.values()]);
    const status = await waitFor("Ready", () => (condition(cp.status(uid), "Ready") === "True" ? cp.status(uid) : undefined), 10_000);
    expect(status.phase).toBe("Running");
    expect(status.podIP).toMatch(/^10\.244\.7\.\d+$/);
    expect(containerStatus(status, "main")?.state?.running).toBeDefined();
    expect((await runtime.listContainers(uid)).map((c) => c.role).sort()).toEqual(["app", "sandbox"]);

    cp.markDeleted(uid, 1);
    manager.setPods([...cp.pods.values()]);
    await waitFor("deletion confirmed", () => cp.confirmed.has(uid), 10_000);
    // Removal of stopped containers is the worker's business; nothing may still run.
    await waitFor("containers stopped", async () => (await runtime.listContainers(uid)).every((c) => c.phase !== "running"), 10_000);
  });

  it("lets a container that runs `true` complete under restartPolicy Never", async () => {
    const { cp, manager } = await simulatedNode("10.244.8.0/24");
    const pod = cp.add(makePod("job", { containers: [{ name: "main", image: "example/tool:1", command: ["true"] }], restartPolicy: "Never" }));
    const uid = pod.metadata.uid ?? "";
    manager.setPods([...cp.pods.values()]);
    const status = await waitFor("Succeeded", () => (cp.status(uid).phase === "Succeeded" ? cp.status(uid) : undefined), 10_000);
    expect(containerStatus(status, "main")?.state?.terminated?.exitCode).toBe(0);
  });
});
