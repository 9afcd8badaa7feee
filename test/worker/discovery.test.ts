import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { APIResource } from "../../worker/api/discovery.ts";
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, discoveryRoutes } from "../../worker/api/discovery.ts";
import { RESOURCES } from "../../worker/apimachinery/registry.ts";

const app = discoveryRoutes();
const KUBECTL_ACCEPT =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

type Resource = APIResource;

async function json<T>(path: string, accept = "application/json"): Promise<{ status: number; type: string | null; body: T }> {
  const res = await app.request(path, { headers: { Accept: accept, Host: "kubeflare.test:8443" } });
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as T };
}

describe("discovery", () => {
  it("serves /version with a parseable gitVersion, ignoring ?timeout", async () => {
    const { status, body } = await json<Record<string, string>>("/version?timeout=32s");
    expect(status).toBe(200);
    expect(body).toMatchObject({ major: "1", minor: "32", platform: "linux/amd64" });
    expect(body.gitVersion).toMatch(/^v1\.32\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it("serves /api with the request host", async () => {
    const { body } = await json("/api?timeout=32s");
    expect(body).toEqual({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "kubeflare.test:8443" }],
    });
  });

  it("serves /apis and each group", async () => {
    const { body } = await json<{ kind: string; groups: { name: string; preferredVersion: { groupVersion: string } }[] }>("/apis");
    expect(body.kind).toBe("APIGroupList");
    expect(body.groups.map((g) => g.name)).toEqual(["apps", "coordination.k8s.io"]);
    expect(body.groups[0].preferredVersion).toEqual({ groupVersion: "apps/v1", version: "v1" });
    const apps = await json("/apis/apps");
    expect(apps.body).toEqual({
      kind: "APIGroup",
      apiVersion: "v1",
      name: "apps",
      versions: [{ groupVersion: "apps/v1", version: "v1" }],
      preferredVersion: { groupVersion: "apps/v1", version: "v1" },
    });
  });

  it("lists core resources and their subresources", async () => {
    const { body } = await json<{ kind: string; groupVersion: string; resources: Resource[] }>("/api/v1?timeout=32s");
    expect(body.kind).toBe("APIResourceList");
    expect(body.groupVersion).toBe("v1");
    const byName = new Map(body.resources.map((r) => [r.name, r]));
    expect(byName.get("pods")).toEqual({
      name: "pods",
      singularName: "pod",
      namespaced: true,
      kind: "Pod",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: ["po"],
      categories: ["all"],
    });
    expect(byName.get("nodes")).toMatchObject({ namespaced: false, kind: "Node", shortNames: ["no"] });
    expect(byName.get("pods/log")).toEqual({ name: "pods/log", singularName: "", namespaced: true, kind: "Pod", verbs: ["get"] });
    expect(byName.get("pods/status")).toMatchObject({ kind: "Pod", verbs: ["get", "patch", "update"] });
    expect(byName.get("pods/binding")).toMatchObject({ kind: "Binding", verbs: ["create"] });
    expect(byName.get("pods/eviction")).toMatchObject({ group: "policy", version: "v1", kind: "Eviction", verbs: ["create"] });
    expect(byName.get("namespaces/finalize")).toMatchObject({ kind: "Namespace", verbs: ["update"], namespaced: false });
    expect(byName.has("nodes/status")).toBe(true);
    expect(byName.has("services/status")).toBe(true);
    for (const r of RESOURCES.filter((x) => x.group === "")) expect(byName.has(r.plural)).toBe(true);
  });

  it("lists apps/v1 with the scale subresource", async () => {
    const { body } = await json<{ groupVersion: string; resources: Resource[] }>("/apis/apps/v1");
    expect(body.groupVersion).toBe("apps/v1");
    const scale = body.resources.find((r) => r.name === "deployments/scale");
    expect(scale).toEqual({
      name: "deployments/scale",
      singularName: "",
      namespaced: true,
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
      verbs: ["get", "patch", "update"],
    });
    expect(body.resources.some((r) => r.name === "replicasets/scale")).toBe(true);
    expect(body.resources.find((r) => r.name === "deployments")).toMatchObject({ shortNames: ["deploy"], categories: ["all"] });
    const leases = await json<{ resources: Resource[] }>("/apis/coordination.k8s.io/v1");
    expect(leases.body.resources.map((r) => r.name)).toEqual(["leases"]);
  });

  it("answers unknown group-versions with a 404 Status", async () => {
    for (const path of ["/apis/nope", "/apis/nope/v1", "/apis/apps/v2", "/api/v2"]) {
      const { status, body } = await json(path);
      expect(status, path).toBe(404);
      expect(body).toMatchObject({ kind: "Status", status: "Failure", reason: "NotFound", code: 404 });
    }
  });

  it("lets unknown groups fall through to routes mounted after it", async () => {
    const parent = new Hono();
    parent.route("/", discoveryRoutes());
    parent.get("/apis/metrics.k8s.io/v1beta1", (c) => c.text("metrics"));
    expect(await (await parent.request("/apis/metrics.k8s.io/v1beta1")).text()).toBe("metrics");
    expect((await parent.request("/api/v1")).status).toBe(200);
  });

  it("serves aggregated discovery v2 when asked first", async () => {
    type Agg = {
      kind: string;
      apiVersion: string;
      items: {
        metadata: { name?: string };
        versions: {
          version: string;
          freshness: string;
          resources: {
            resource: string;
            responseKind: { group: string; version: string; kind: string };
            scope: string;
            singularResource: string;
            verbs: string[];
            shortNames: string[];
            categories: string[];
            subresources: { subresource: string; responseKind: { group: string; version: string; kind: string }; verbs: string[] }[];
          }[];
        }[];
      }[];
    };
    const apis = await json<Agg>("/apis?timeout=32s", KUBECTL_ACCEPT);
    expect(apis.type).toBe(AGGREGATED_DISCOVERY_CONTENT_TYPE);
    expect(apis.body.kind).toBe("APIGroupDiscoveryList");
    expect(apis.body.apiVersion).toBe("apidiscovery.k8s.io/v2");
    expect(apis.body.items.map((i) => i.metadata.name)).toEqual(["apps", "coordination.k8s.io"]);
    const deploy = apis.body.items[0].versions[0].resources.find((r) => r.resource === "deployments");
    expect(deploy).toMatchObject({
      responseKind: { group: "apps", version: "v1", kind: "Deployment" },
      scope: "Namespaced",
      singularResource: "deployment",
      shortNames: ["deploy"],
      categories: ["all"],
    });
    expect(deploy?.subresources).toEqual([
      { subresource: "scale", responseKind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: ["get", "patch", "update"] },
      { subresource: "status", responseKind: { group: "apps", version: "v1", kind: "Deployment" }, verbs: ["get", "patch", "update"] },
    ]);

    const core = await json<Agg>("/api", KUBECTL_ACCEPT);
    expect(core.type).toBe(AGGREGATED_DISCOVERY_CONTENT_TYPE);
    expect(core.body.items).toHaveLength(1);
    expect(core.body.items[0].versions[0].version).toBe("v1");
    const nodes = core.body.items[0].versions[0].resources.find((r) => r.resource === "nodes");
    expect(nodes).toMatchObject({ scope: "Cluster", responseKind: { group: "", version: "v1", kind: "Node" } });
  });

  it("falls back to plain JSON for other Accept headers", async () => {
    const res = await json<{ kind: string }>("/apis", "application/json, */*");
    expect(res.type).toMatch(/^application\/json/);
    expect(res.body.kind).toBe("APIGroupList");
    expect((await json<{ kind: string }>("/api", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")).body.kind).toBe(
      "APIVersions",
    );
  });
});
