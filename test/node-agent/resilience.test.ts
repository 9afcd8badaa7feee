// Surviving the things around the agent: an agent restart adopts running
// containers (no duplicates, restart counts kept, no status churn); pods
// deleted meanwhile are cleaned up; agents sharing one engine leave each
// other alone; an unreachable control plane does not stop pods; image pull
// failures back off.
import { afterAll, describe, expect, it } from "vitest";
import { TEST_IMAGE, containerStatus, makePod, startTestNode, uniqueNodeName, waitFor } from "./harness.ts";
import type { TestNode } from "./harness.ts";

const nodes: TestNode[] = [];
async function node(options: Parameters<typeof startTestNode>[0] = {}): Promise<TestNode> {
  const n = await startTestNode(options);
  nodes.push(n);
  return n;
}

afterAll(async () => {
  // Two of these share a node name: stop every manager before removing anything.
  for (const n of nodes) await n.stop();
  for (const n of nodes) await n.destroy();
});

const fastBackoff = { backoff: { initialMs: 300, maxMs: 600, resetMs: 60_000 } };

describe("agent restart", () => {
  it("adopts running containers: same IDs, restart counts kept, no new status writes", async () => {
    const first = await node({ nodeName: uniqueNodeName("adopt"), timing: fastBackoff });
    const steady = first.cp.add(makePod("steady", { containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"] }] }));
    const flaky = first.cp.add(
      makePod("flaky", {
        volumes: [{ name: "s", emptyDir: {} }],
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            command: ["sh", "-c", "[ -e /s/once ] || { touch /s/once; exit 1; }; sleep 3600"],
            volumeMounts: [{ name: "s", mountPath: "/s" }],
          },
        ],
      }),
    );
    const gone = first.cp.add(makePod("deleted-while-away", { containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"] }] }));
    first.sync();
    const uids = [steady, flaky, gone].map((p) => p.metadata.uid ?? "");
    for (const uid of uids) await waitFor("running", () => first.cp.status(uid).phase === "Running" && containerStatus(first.cp.status(uid), "main")?.state?.running);
    await waitFor("flaky restarted once", () => containerStatus(first.cp.status(uids[1]), "main")?.restartCount === 1 && containerStatus(first.cp.status(uids[1]), "main")?.state?.running);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = new Map(await Promise.all(uids.map(async (uid) => [uid, (await first.runtime.listContainers(uid)).map((c) => c.id).sort()] as const)));

    await first.stop();
    first.cp.pods.delete(uids[2]);
    const patchesBefore = first.cp.patchCount;
    const second = await node({ nodeName: first.nodeName, stateDir: first.stateDir, cp: first.cp, objects: first.objects, timing: fastBackoff });
    second.sync();
    await waitFor("orphan removed", async () => (await second.runtime.listContainers(uids[2])).length === 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const uid of uids.slice(0, 2)) {
      expect((await second.runtime.listContainers(uid)).map((c) => c.id).sort()).toEqual(before.get(uid));
    }
    expect(containerStatus(second.cp.status(uids[1]), "main")?.restartCount).toBe(1);
    expect(second.cp.patchCount).toBe(patchesBefore);
  });

  it("leaves containers of other nodes on the same engine alone", async () => {
    const a = await node();
    const b = await node();
    const pod = a.cp.add(makePod("mine", { containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"] }] }));
    a.sync();
    await waitFor("running", () => a.cp.status(pod.metadata.uid ?? "").phase === "Running");
    b.sync();
    await b.manager.sweep(new Set());
    expect((await a.runtime.listContainers(pod.metadata.uid ?? "")).filter((c) => c.phase === "running")).toHaveLength(2);
    expect(await b.runtime.listContainers()).toHaveLength(0);
  });
});

describe("control plane outages", () => {
  it("keeps pods running (and restarting) while status updates fail, then catches up", async () => {
    const n = await node({ timing: { ...fastBackoff, resyncMs: 500 } });
    const pod = n.cp.add(makePod("crashy", { containers: [{ name: "main", image: TEST_IMAGE, command: ["sh", "-c", "sleep 0.3; exit 1"] }] }));
    const uid = pod.metadata.uid ?? "";
    n.sync();
    await waitFor("first restart reported", () => (containerStatus(n.cp.status(uid), "main")?.restartCount ?? 0) >= 1);
    n.cp.unreachable = true;
    const reported = containerStatus(n.cp.status(uid), "main")?.restartCount ?? 0;
    await waitFor("restarts continue offline", async () => {
      const attempts = (await n.runtime.listContainers(uid)).filter((c) => c.name === "main").map((c) => c.attempt);
      return Math.max(...attempts) >= reported + 2;
    }, 15_000);
    expect(containerStatus(n.cp.status(uid), "main")?.restartCount).toBe(reported);
    n.cp.unreachable = false;
    await waitFor("status caught up", () => (containerStatus(n.cp.status(uid), "main")?.restartCount ?? 0) >= reported + 2, 35_000);
  });
});

describe("images", () => {
  it("reports ErrImagePull, then ImagePullBackOff, for an image no registry serves", async () => {
    const n = await node({ timing: { backoff: { initialMs: 2000, maxMs: 4000, resetMs: 60_000 } } });
    const pod = n.cp.add(makePod("unpullable", { containers: [{ name: "main", image: "kubeflare/does-not-exist:1", imagePullPolicy: "IfNotPresent" }] }));
    const uid = pod.metadata.uid ?? "";
    n.sync();
    // ErrImagePull is reported first; the next sync within the back-off turns it into ImagePullBackOff.
    const reasons = () => n.cp.history.filter((h) => h.uid === uid).map((h) => containerStatus(h.status, "main")?.state?.waiting);
    const first = await waitFor("ErrImagePull", () => reasons().find((w) => w?.reason === "ErrImagePull"), 20_000);
    expect(first.message).toMatch(/^Failed to pull image "kubeflare\/does-not-exist:1"/);
    n.manager.worker(uid)?.requestSync();
    await waitFor("ImagePullBackOff", () => containerStatus(n.cp.status(uid), "main")?.state?.waiting?.reason === "ImagePullBackOff", 10_000);
    expect(n.cp.events.filter((e) => e.pod === "unpullable").map((e) => e.reason)).toEqual(expect.arrayContaining(["Pulling", "Failed", "BackOff"]));
    expect(n.cp.status(uid).phase).toBe("Pending");

    const never = n.cp.add(makePod("never", { containers: [{ name: "main", image: "kubeflare/absent:2", imagePullPolicy: "Never" }] }));
    n.sync();
    const waiting = await waitFor("ErrImageNeverPull", () => containerStatus(n.cp.status(never.metadata.uid ?? ""), "main")?.state?.waiting);
    expect(waiting).toEqual({ reason: "ErrImageNeverPull", message: 'Container image "kubeflare/absent:2" is not present with pull policy of Never' });
  });
});
