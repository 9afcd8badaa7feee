// Pods that really run: a container starts and becomes Ready with a full
// status, containers of a pod share localhost and the hostname, and
// deletion stops them gracefully within the grace period.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_IMAGE, condition, containerStatus, execIn, makePod, startTestNode, waitFor } from "./harness.ts";
import type { TestNode } from "./harness.ts";

let node: TestNode;

beforeAll(async () => {
  node = await startTestNode({ nodeName: undefined });
});

afterAll(async () => {
  await node?.destroy();
});

describe("pod lifecycle on Docker", () => {
  it("runs a pod to Running and Ready with a complete status", async () => {
    const pod = node.cp.add(makePod("web", { containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"] }] }));
    const uid = pod.metadata.uid ?? "";
    node.sync();
    const status = await waitFor("Ready", () => {
      const s = node.cp.status(uid);
      return condition(s, "Ready") === "True" && s;
    });
    expect(status.phase).toBe("Running");
    expect(status.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(status.podIPs).toEqual([{ ip: status.podIP }]);
    expect(status.hostIP).toBe("127.0.0.1");
    expect(status.qosClass).toBe("BestEffort");
    expect(status.startTime).toBeTruthy();
    for (const type of ["PodScheduled", "Initialized", "ContainersReady", "Ready", "PodReadyToStartContainers"]) {
      expect(condition(status, type), type).toBe("True");
    }
    const main = containerStatus(status, "main");
    expect(main?.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(main?.imageID).toMatch(/^docker:\/\/sha256:/);
    expect(main).toMatchObject({ ready: true, started: true, restartCount: 0, image: TEST_IMAGE });
    expect(main?.state?.running?.startedAt).toBeTruthy();

    // The Docker side: dockershim names and labels, a sandbox holding the network.
    const containers = await node.runtime.listContainers(uid);
    expect(containers.map((c) => c.name).sort()).toEqual(["POD", "main"]);
    const info = await node.runtime.docker.getContainer(main?.containerID?.slice(9) ?? "").inspect();
    expect(info.Name).toBe(`/k8s_main_web_default_${uid}_0`);
    expect(info.Config.Labels).toMatchObject({
      "io.kubernetes.pod.name": "web",
      "io.kubernetes.pod.namespace": "default",
      "io.kubernetes.pod.uid": uid,
      "io.kubernetes.container.name": "main",
      "io.kubeflare.node": node.nodeName,
    });
    expect(info.HostConfig.NetworkMode).toMatch(/^container:/);
    expect(node.cp.events.map((e) => e.reason)).toEqual(expect.arrayContaining(["Pulled", "Created", "Started"]));
  });

  it("gives a pod's containers one network namespace and the pod's hostname", async () => {
    const pod = node.cp.add(
      makePod("pair", {
        containers: [
          {
            name: "server",
            image: TEST_IMAGE,
            command: ["sh", "-c", "echo hello-from-server > /www/index.html && exec httpd -f -p 8080 -h /www"],
            ports: [{ containerPort: 8080 }],
            volumeMounts: [{ name: "www", mountPath: "/www" }],
          },
          {
            name: "client",
            image: TEST_IMAGE,
            command: ["sleep", "3600"],
            // Ready only once it reaches the other container over localhost.
            readinessProbe: { exec: { command: ["sh", "-c", "wget -q -O- http://127.0.0.1:8080/ | grep -q hello-from-server"] }, periodSeconds: 1 },
          },
        ],
        volumes: [{ name: "www", emptyDir: {} }],
      }),
    );
    const uid = pod.metadata.uid ?? "";
    node.sync();
    await waitFor("both containers ready", () => condition(node.cp.status(uid), "Ready") === "True", 20_000);
    const hostname = await execIn(node, uid, "client", ["hostname"]);
    expect(hostname.output.trim()).toBe("pair");
    const ip = await execIn(node, uid, "client", ["sh", "-c", "ip -4 addr show eth0 | grep -o 'inet [0-9.]*' | cut -d' ' -f2"]);
    expect(ip.output.trim()).toBe(node.cp.status(uid).podIP);
  });

  it("runs hostNetwork pods in the host's network namespace with the host's IP", async () => {
    const pod = node.cp.add(makePod("on-host", { hostNetwork: true, containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"] }] }));
    const uid = pod.metadata.uid ?? "";
    node.sync();
    await waitFor("running", () => node.cp.status(uid).phase === "Running");
    expect(node.cp.status(uid).podIP).toBe("127.0.0.1");
    // The host's Docker bridge is visible only from the host's namespace.
    expect((await execIn(node, uid, "main", ["ip", "link", "show", "docker0"])).exitCode).toBe(0);
  });

  it("stops a deleted pod gracefully: SIGTERM, then SIGKILL after the grace period, then confirms", async () => {
    const polite = node.cp.add(
      makePod("polite", { terminationGracePeriodSeconds: 10, containers: [{ name: "main", image: TEST_IMAGE, command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"] }] }),
    );
    const stubborn = node.cp.add(makePod("stubborn", { terminationGracePeriodSeconds: 3, containers: [{ name: "main", image: TEST_IMAGE, command: ["sleep", "3600"] }] }));
    node.sync();
    for (const pod of [polite, stubborn]) await waitFor("running", () => node.cp.status(pod.metadata.uid ?? "").phase === "Running");

    const politeUid = polite.metadata.uid ?? "";
    const stubbornUid = stubborn.metadata.uid ?? "";
    const started = Date.now();
    node.cp.markDeleted(politeUid);
    node.cp.markDeleted(stubbornUid);
    const finalPolite = structuredClone(node.cp.get(politeUid));
    const finalStubborn = structuredClone(node.cp.get(stubbornUid));
    node.sync();
    await waitFor("polite confirmed", () => node.cp.confirmed.has(politeUid), 8000);
    const politeMs = Date.now() - started;
    await waitFor("stubborn confirmed", () => node.cp.confirmed.has(stubbornUid), 10_000);
    const stubbornMs = Date.now() - started;
    console.log(`graceful termination: trap on SIGTERM ${politeMs} ms; ignoring SIGTERM with grace 3 s ${stubbornMs} ms`);
    expect(politeMs).toBeLessThan(2500);
    expect(stubbornMs).toBeGreaterThanOrEqual(2900);
    expect(stubbornMs).toBeLessThan(6000);
    void finalPolite;
    void finalStubborn;

    // Gone from the control plane: the next assignments drop it and the containers go.
    node.sync();
    await waitFor("containers removed", async () => (await node.runtime.listContainers(politeUid)).length === 0 && (await node.runtime.listContainers(stubbornUid)).length === 0);
  });
});
