// Restart policy and back-off: crashing containers restart with growing
// delays and report CrashLoopBackOff; exits map to Completed / Error /
// OOMKilled; restartPolicy Never and OnFailure end in the right phase; init
// containers run in order before the app starts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_IMAGE, condition, containerStatus, makePod, startTestNode, waitFor } from "./harness.ts";
import type { TestNode } from "./harness.ts";

let node: TestNode;

beforeAll(async () => {
  // Kubernetes' back-off is 10 s doubling to 5 min; scaled down so the sequence fits in a test.
  node = await startTestNode({ timing: { backoff: { initialMs: 1000, maxMs: 4000, resetMs: 60_000 } } });
});

afterAll(async () => {
  await node?.destroy();
});

describe("restarts", () => {
  it("restarts a crashing container with doubling back-off and reports CrashLoopBackOff", async () => {
    const pod = node.cp.add(makePod("crasher", { containers: [{ name: "main", image: TEST_IMAGE, command: ["sh", "-c", "echo crashing; exit 3"] }] }));
    const uid = pod.metadata.uid ?? "";
    node.sync();
    const waiting = await waitFor("CrashLoopBackOff", () => {
      const s = containerStatus(node.cp.status(uid), "main");
      return s?.state?.waiting?.reason === "CrashLoopBackOff" && s;
    }, 15_000);
    expect(waiting.lastState?.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
    expect(waiting.state?.waiting?.message).toMatch(/^back-off \ds restarting failed container=main pod=crasher_default\(/);
    expect(node.cp.status(uid).phase).toBe("Running");
    expect(node.cp.events.some((e) => e.pod === "crasher" && e.reason === "BackOff")).toBe(true);

    // Successive restarts: immediate, then after 1 s, 2 s, 4 s (the maximum here) of back-off.
    await waitFor("4 restarts", () => (containerStatus(node.cp.status(uid), "main")?.restartCount ?? 0) >= 4, 20_000);
    const firstSeen = new Map<number, number>();
    for (const entry of node.cp.history.filter((h) => h.uid === uid)) {
      const count = containerStatus(entry.status, "main")?.restartCount ?? 0;
      if (!firstSeen.has(count)) firstSeen.set(count, entry.at);
    }
    const gaps = [2, 3, 4].map((n) => (firstSeen.get(n) ?? 0) - (firstSeen.get(n - 1) ?? 0));
    console.log(`crash back-off gaps between restarts 1->2->3->4: ${gaps.join(" ms, ")} ms (policy 1 s, 2 s, 4 s)`);
    expect(gaps[0]).toBeGreaterThan(800);
    expect(gaps[1]).toBeGreaterThan(1800);
    expect(gaps[2]).toBeGreaterThan(3800);
    expect(gaps[2]).toBeLessThan(6000);
    const containers = (await node.runtime.listContainers(uid)).filter((c) => c.name === "main");
    // Only the newest two instances are kept.
    expect(containers.length).toBeLessThanOrEqual(3);
  });

  it("reports OOMKilled for a container over its memory limit", async () => {
    const pod = node.cp.add(
      makePod("hog", {
        restartPolicy: "Never",
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            // The shell itself (PID 1) doubles a string until the kernel kills it.
            command: ["sh", "-c", "x=0123456789abcdef; while :; do x=$x$x; done"],
            resources: { limits: { memory: "16Mi" } },
          },
        ],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    const terminated = await waitFor("terminated", () => containerStatus(node.cp.status(uid), "main")?.state?.terminated, 20_000);
    expect(terminated).toMatchObject({ reason: "OOMKilled", exitCode: 137 });
    await waitFor("Failed", () => node.cp.status(uid).phase === "Failed");
    expect(node.cp.status(uid).qosClass).toBe("Burstable");
    const info = await node.runtime.docker.getContainer(terminated.containerID?.slice(9) ?? "").inspect();
    expect(info.HostConfig.Memory).toBe(16 * 2 ** 20);
  });

  it("ends restartPolicy Never pods as Succeeded or Failed and does not restart them", async () => {
    const ok = node.cp.add(makePod("once-ok", { restartPolicy: "Never", containers: [{ name: "main", image: TEST_IMAGE, command: ["sh", "-c", "echo done"] }] }));
    const bad = node.cp.add(makePod("once-bad", { restartPolicy: "Never", containers: [{ name: "main", image: TEST_IMAGE, command: ["sh", "-c", "exit 7"] }] }));
    node.sync();
    await waitFor("Succeeded", () => node.cp.status(ok.metadata.uid ?? "").phase === "Succeeded");
    await waitFor("Failed", () => node.cp.status(bad.metadata.uid ?? "").phase === "Failed");
    const okStatus = containerStatus(node.cp.status(ok.metadata.uid ?? ""), "main");
    expect(okStatus?.state?.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(containerStatus(node.cp.status(bad.metadata.uid ?? ""), "main")?.state?.terminated).toMatchObject({ exitCode: 7, reason: "Error" });
    expect(condition(node.cp.status(ok.metadata.uid ?? ""), "Ready")).toBe("False");
    // The sandbox of a finished pod is stopped.
    await waitFor("sandbox stopped", async () => (await node.runtime.listContainers(ok.metadata.uid ?? "")).every((c) => c.phase !== "running"));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(containerStatus(node.cp.status(bad.metadata.uid ?? ""), "main")?.restartCount).toBe(0);
  });

  it("restarts OnFailure pods until they succeed", async () => {
    const pod = node.cp.add(
      makePod("retry", {
        restartPolicy: "OnFailure",
        volumes: [{ name: "state", emptyDir: {} }],
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            // Fails the first time, succeeds the second (the emptyDir survives restarts).
            command: ["sh", "-c", "if [ -e /state/ran ]; then echo second; exit 0; fi; touch /state/ran; exit 1"],
            volumeMounts: [{ name: "state", mountPath: "/state" }],
          },
        ],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    await waitFor("Succeeded", () => node.cp.status(uid).phase === "Succeeded", 15_000);
    expect(containerStatus(node.cp.status(uid), "main")).toMatchObject({ restartCount: 1, state: { terminated: { exitCode: 0, reason: "Completed" } } });
  });

  it("fails a pod that outlives activeDeadlineSeconds", async () => {
    const pod = node.cp.add(makePod("deadline", { activeDeadlineSeconds: 2, terminationGracePeriodSeconds: 1, containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"] }] }));
    const uid = pod.metadata.uid ?? "";
    node.sync();
    await waitFor("running", () => node.cp.status(uid).phase === "Running");
    const failed = await waitFor("Failed", () => node.cp.status(uid).phase === "Failed" && node.cp.status(uid), 10_000);
    expect(failed).toMatchObject({ reason: "DeadlineExceeded", message: "Pod was active on the node longer than the specified deadline" });
    await waitFor("stopped", async () => (await node.runtime.listContainers(uid)).every((c) => c.phase !== "running"));
  });

  it("runs init containers in order before the app containers", async () => {
    const pod = node.cp.add(
      makePod("initialized", {
        volumes: [{ name: "work", emptyDir: {} }],
        initContainers: [
          { name: "first", image: TEST_IMAGE, command: ["sh", "-c", "sleep 0.5; echo first >> /work/order"], volumeMounts: [{ name: "work", mountPath: "/work" }] },
          { name: "second", image: TEST_IMAGE, command: ["sh", "-c", "echo second >> /work/order"], volumeMounts: [{ name: "work", mountPath: "/work" }] },
        ],
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            command: ["sh", "-c", "cat /work/order; echo main >> /work/order; sleep 3600"],
            volumeMounts: [{ name: "work", mountPath: "/work" }],
          },
        ],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    // While the first init container runs, the app waits in PodInitializing.
    const pending = await waitFor("initializing", () => {
      const s = node.cp.status(uid);
      return s.phase === "Pending" && containerStatus(s, "main")?.state?.waiting?.reason === "PodInitializing" && s;
    });
    expect(condition(pending, "Initialized")).toBe("False");
    const running = await waitFor("Ready", () => {
      const s = node.cp.status(uid);
      return condition(s, "Ready") === "True" && s;
    }, 15_000);
    expect(condition(running, "Initialized")).toBe("True");
    expect(containerStatus(running, "first")?.state?.terminated?.reason).toBe("Completed");
    expect(containerStatus(running, "second")?.state?.terminated?.reason).toBe("Completed");
    const dir = `${node.stateDir}/pods/${uid}/volumes/work/order`;
    const { readFile } = await import("node:fs/promises");
    expect((await readFile(dir, "utf8")).trim().split("\n")).toEqual(["first", "second", "main"]);
  });

  it("fails the pod when an init container fails under restartPolicy Never", async () => {
    const pod = node.cp.add(
      makePod("init-fails", {
        restartPolicy: "Never",
        initContainers: [{ name: "setup", image: TEST_IMAGE, command: ["sh", "-c", "exit 2"] }],
        containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"] }],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    await waitFor("Failed", () => node.cp.status(uid).phase === "Failed", 15_000);
    const containers = await node.runtime.listContainers(uid);
    expect(containers.some((c) => c.name === "main")).toBe(false);
  });
});
