// The official JavaScript client (1.4.x, the line that runs on Node 20) uses
// the same kubeconfig: lists, creates and watches.
import { CoreV1Api, KubeConfig, Watch } from "@kubernetes/client-node";
import type { V1ConfigMap } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { kubectl } from "./helpers/kubectl.ts";
import { createNamespace } from "./helpers/objects.ts";

const NS = "e2e-client";
let config: KubeConfig;

beforeAll(async () => {
  await createNamespace(NS);
  config = new KubeConfig();
  config.loadFromFile(inject("cluster").kubeconfig);
});

afterAll(async () => {
  await kubectl(["delete", "namespace", NS, "--wait=false"]);
});

describe("@kubernetes/client-node", () => {
  it("creates and lists configmaps", async () => {
    const core = config.makeApiClient(CoreV1Api);
    const created = await core.createNamespacedConfigMap({
      namespace: NS,
      body: { metadata: { name: "from-client", labels: { via: "client-node" } }, data: { k: "v" } },
    });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    const list = await core.listNamespacedConfigMap({ namespace: NS });
    const names = list.items.map((item) => item.metadata?.name);
    expect(names).toContain("from-client");
    const selected = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: "via=client-node" });
    expect(selected.items.map((item) => item.metadata?.name)).toEqual(["from-client"]);
  });

  it("watches configmaps", async () => {
    const core = config.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedConfigMap({ namespace: NS });
    const watch = new Watch(config);
    let controller: AbortController | undefined;
    const seen = new Promise<V1ConfigMap>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no ADDED event for watched-by-client within 10 s")), 10_000);
      void watch
        .watch(
          `/api/v1/namespaces/${NS}/configmaps`,
          { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
          (type: string, object: V1ConfigMap) => {
            if (type === "ADDED" && object.metadata?.name === "watched-by-client") {
              clearTimeout(timer);
              resolve(object);
            }
          },
          (error: unknown) => {
            if (error) reject(error instanceof Error ? error : new Error(String(error)));
          },
        )
        .then((abort) => (controller = abort), reject);
    });
    try {
      // Give the watch a moment to be established before the write.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "watched-by-client" } } });
      const object = await seen;
      expect(object.metadata?.namespace).toBe(NS);
    } finally {
      controller?.abort();
    }
  });
});
