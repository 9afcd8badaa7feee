// Probes and lifecycle hooks against real containers: exec, httpGet and
// tcpSocket probes; liveness restarts, readiness gates Ready, startup holds
// the others back; initialDelaySeconds; postStart and preStop hooks.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_IMAGE, condition, containerStatus, makePod, startTestNode, waitFor } from "./harness.ts";
import type { TestNode } from "./harness.ts";

let node: TestNode;

beforeAll(async () => {
  node = await startTestNode({ timing: { backoff: { initialMs: 500, maxMs: 1000, resetMs: 60_000 } } });
});

afterAll(async () => {
  await node?.destroy();
});

const server = (port: number, delay = 0) => ["sh", "-c", `mkdir -p /www && echo ok > /www/index.html && sleep ${delay} && exec httpd -f -p ${port} -h /www`];

describe("probes", () => {
  it("restarts a container whose exec liveness probe fails", async () => {
    const pod = node.cp.add(
      makePod("unhealthy", {
        // sleep ignores SIGTERM: the liveness kill waits out the (minimum 2 s) grace period.
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            command: ["sh", "-c", "touch /healthy; sleep 1; rm /healthy; sleep 3600"],
            livenessProbe: { exec: { command: ["test", "-e", "/healthy"] }, periodSeconds: 1, failureThreshold: 2, timeoutSeconds: 1 },
          },
        ],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    await waitFor("restarted", () => (containerStatus(node.cp.status(uid), "main")?.restartCount ?? 0) >= 1, 15_000);
    const events = node.cp.events.filter((e) => e.pod === "unhealthy");
    expect(events.find((e) => e.reason === "Unhealthy")?.message).toMatch(/^Liveness probe failed/);
    expect(events.find((e) => e.reason === "Killing")?.message).toBe("Container main failed liveness probe, will be restarted");
  });

  it("gates Ready on an httpGet readiness probe, honouring initialDelaySeconds", async () => {
    const pod = node.cp.add(
      makePod("ready-http", {
        containers: [
          {
            name: "web",
            image: TEST_IMAGE,
            command: server(8080),
            ports: [{ name: "http", containerPort: 8080 }],
            readinessProbe: { httpGet: { path: "/index.html", port: "http" }, initialDelaySeconds: 2, periodSeconds: 1 },
          },
        ],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    const running = await waitFor("running", () => {
      const s = node.cp.status(uid);
      return containerStatus(s, "web")?.state?.running && s;
    });
    expect(condition(running, "Ready")).toBe("False");
    expect(condition(running, "ContainersReady")).toBe("False");
    const startedAt = Date.now();
    await waitFor("Ready", () => condition(node.cp.status(uid), "Ready") === "True", 10_000);
    // Started at least ~2 s before it may be probed (the server answers at once).
    expect(Date.now() - Date.parse(containerStatus(node.cp.status(uid), "web")?.state?.running?.startedAt ?? "")).toBeGreaterThanOrEqual(1500);
    void startedAt;
  });

  it("turns Ready off when a tcpSocket readiness probe starts failing, without a restart", async () => {
    const pod = node.cp.add(
      makePod("ready-tcp", {
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            // Listens on 9000 for ~3 s, then closes the port but keeps running.
            command: ["sh", "-c", "nc -ll -p 9000 -e true & pid=$!; sleep 3; kill $pid; sleep 3600"],
            readinessProbe: { tcpSocket: { port: 9000 }, periodSeconds: 1, failureThreshold: 1 },
          },
        ],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    await waitFor("Ready", () => condition(node.cp.status(uid), "Ready") === "True", 10_000);
    await waitFor("not Ready", () => condition(node.cp.status(uid), "Ready") === "False", 10_000);
    expect(containerStatus(node.cp.status(uid), "main")).toMatchObject({ ready: false, restartCount: 0 });
    expect(node.cp.events.find((e) => e.pod === "ready-tcp" && e.reason === "Unhealthy")?.message).toMatch(/^Readiness probe failed: dial tcp [\d.]+:9000: connect: connection refused/);
  });

  it("holds liveness and readiness until the startup probe passes", async () => {
    const pod = node.cp.add(
      makePod("slow-start", {
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            command: ["sh", "-c", "sleep 2; touch /started; sleep 3600"],
            startupProbe: { exec: { command: ["test", "-e", "/started"] }, periodSeconds: 1, failureThreshold: 10 },
            // Would kill the container at once if it ran before startup passed.
            livenessProbe: { exec: { command: ["test", "-e", "/started"] }, periodSeconds: 1, failureThreshold: 1 },
          },
        ],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    const early = await waitFor("running", () => containerStatus(node.cp.status(uid), "main")?.state?.running && containerStatus(node.cp.status(uid), "main"));
    expect(early).toMatchObject({ started: false, ready: false });
    await waitFor("started and ready", () => containerStatus(node.cp.status(uid), "main")?.started === true && condition(node.cp.status(uid), "Ready") === "True", 10_000);
    expect(containerStatus(node.cp.status(uid), "main")?.restartCount).toBe(0);
  });
});

describe("lifecycle hooks", () => {
  it("runs postStart before the container counts as running, and preStop before the stop signal", async () => {
    const pod = node.cp.add(
      makePod("hooks", {
        terminationGracePeriodSeconds: 4,
        volumes: [{ name: "out", emptyDir: {} }],
        containers: [
          {
            name: "main",
            image: TEST_IMAGE,
            command: ["sh", "-c", "trap 'echo term >> /out/log; exit 0' TERM; while :; do sleep 0.1; done"],
            volumeMounts: [{ name: "out", mountPath: "/out" }],
            lifecycle: {
              postStart: { exec: { command: ["sh", "-c", "echo post-start >> /out/log"] } },
              preStop: { exec: { command: ["sh", "-c", "echo pre-stop >> /out/log; sleep 1"] } },
            },
          },
        ],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    await waitFor("running", () => node.cp.status(uid).phase === "Running");
    const log = `${node.stateDir}/pods/${uid}/volumes/out/log`;
    expect((await readFile(log, "utf8")).trim()).toBe("post-start");
    const started = Date.now();
    node.cp.markDeleted(uid);
    node.sync();
    await waitFor("confirmed", () => node.cp.confirmed.has(uid), 10_000);
    const took = Date.now() - started;
    expect((await readFile(log, "utf8")).trim().split("\n")).toEqual(["post-start", "pre-stop", "term"]);
    // preStop slept 1 s, then SIGTERM ended it at once.
    expect(took).toBeGreaterThanOrEqual(1000);
    expect(took).toBeLessThan(3500);
  });

  it("kills and restarts a container whose postStart hook fails", async () => {
    const pod = node.cp.add(
      makePod("bad-hook", {
        containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"], lifecycle: { postStart: { exec: { command: ["sh", "-c", "exit 1"] } } } }],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    await waitFor("restarted", () => (containerStatus(node.cp.status(uid), "main")?.restartCount ?? 0) >= 1, 15_000);
    expect(node.cp.events.some((e) => e.pod === "bad-hook" && e.reason === "FailedPostStartHook")).toBe(true);
  });
});
