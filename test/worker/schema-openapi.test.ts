// OpenAPI v3 generated from the zod schemas: the root index, per group-version
// documents, and what kubectl needs from them (fieldValidation on PATCH,
// group-version-kind extensions, patch merge keys, explainable schemas).
import { describe, expect, it } from "vitest";
import { openapiGroupVersion, openapiRoot } from "../../worker/api/openapi.ts";

type Json = Record<string, unknown>;

function doc(group: string, version: string): Json {
  const d = openapiGroupVersion(group, version);
  if (!d) throw new Error(`no document for ${group}/${version}`);
  return d as Json;
}

function schemas(d: Json): Record<string, Json> {
  return (d.components as { schemas: Record<string, Json> }).schemas;
}

function props(schema: Json): Record<string, Json> {
  return schema.properties as Record<string, Json>;
}

describe("OpenAPI v3", () => {
  it("lists every group-version with a content hash", () => {
    const root = openapiRoot() as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(root.paths)).toEqual(["api/v1", "apis/apps/v1", "apis/coordination.k8s.io/v1"]);
    expect(root.paths["api/v1"].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{16}$/);
    expect(root.paths["apis/apps/v1"].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
    expect(openapiRoot()).toBe(root);
    expect(openapiGroupVersion("", "v1")).toBe(openapiGroupVersion("", "v1"));
    expect(openapiGroupVersion("batch", "v1")).toBeUndefined();
  });

  it("describes every resource's paths with GVK and fieldValidation on PATCH", () => {
    const core = doc("", "v1");
    expect(core.openapi).toBe("3.0.0");
    const paths = core.paths as Record<string, Record<string, Json>>;
    const item = paths["/api/v1/namespaces/{namespace}/pods/{name}"];
    expect(Object.keys(item)).toEqual(expect.arrayContaining(["get", "put", "patch", "delete", "parameters"]));
    expect(item.patch["x-kubernetes-group-version-kind"]).toEqual({ group: "", version: "v1", kind: "Pod" });
    expect((item.patch.parameters as Json[]).map((p) => p.name)).toContain("fieldValidation");
    const list = paths["/api/v1/namespaces/{namespace}/pods"];
    expect(Object.keys(list)).toEqual(expect.arrayContaining(["get", "post"]));
    expect(paths["/api/v1/pods"].get["x-kubernetes-action"]).toBe("list");
    expect(paths["/api/v1/nodes/{name}"].patch["x-kubernetes-group-version-kind"]).toEqual({ group: "", version: "v1", kind: "Node" });
    expect(paths).toHaveProperty(["/api/v1/namespaces/{namespace}/pods/{name}/status"]);
    const apps = doc("apps", "v1").paths as Record<string, Record<string, Json>>;
    expect(apps["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"].patch["x-kubernetes-group-version-kind"]).toEqual({
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
    });
    const leases = doc("coordination.k8s.io", "v1").paths as Record<string, Record<string, Json>>;
    expect(leases["/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}"].patch["x-kubernetes-group-version-kind"]).toEqual({
      group: "coordination.k8s.io",
      version: "v1",
      kind: "Lease",
    });
  });

  it("names components like Kubernetes and tags kinds with their GVK", () => {
    const s = schemas(doc("", "v1"));
    expect(s["io.k8s.api.core.v1.Pod"]["x-kubernetes-group-version-kind"]).toEqual([{ group: "", version: "v1", kind: "Pod" }]);
    expect(s["io.k8s.api.core.v1.PodList"]["x-kubernetes-group-version-kind"]).toEqual([{ group: "", version: "v1", kind: "PodList" }]);
    expect(s).toHaveProperty(["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]);
    expect(s["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).toMatchObject({ type: "string", format: "int-or-string" });
    expect(s["io.k8s.apimachinery.pkg.api.resource.Quantity"]).toMatchObject({ type: "string" });
    expect(s["io.k8s.api.core.v1.Pod"]).not.toHaveProperty("required");
    const apps = schemas(doc("apps", "v1"));
    expect(apps).toHaveProperty(["io.k8s.api.autoscaling.v1.Scale"]);
    expect(apps).toHaveProperty(["io.k8s.api.core.v1.PodSpec"]);
  });

  it("carries strategic-merge metadata and explainable fields", () => {
    const s = schemas(doc("", "v1"));
    const podSpec = props(s["io.k8s.api.core.v1.PodSpec"]);
    expect(podSpec.containers).toMatchObject({
      type: "array",
      items: { allOf: [{ $ref: "#/components/schemas/io.k8s.api.core.v1.Container" }] },
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
    });
    expect(podSpec.volumes["x-kubernetes-patch-strategy"]).toBe("merge,retainKeys");
    const container = props(s["io.k8s.api.core.v1.Container"]);
    expect(container.ports["x-kubernetes-patch-merge-key"]).toBe("containerPort");
    expect(container.image).toMatchObject({ type: "string", description: "Container image name." });
    expect(container.imagePullPolicy.enum).toEqual(["Always", "IfNotPresent", "Never"]);
    expect(props(s["io.k8s.api.core.v1.ContainerPort"]).containerPort).toMatchObject({ type: "integer", format: "int32" });
    expect(props(s["io.k8s.api.core.v1.ServiceSpec"]).ports["x-kubernetes-patch-merge-key"]).toBe("port");
    const strategy = props(schemas(doc("apps", "v1"))["io.k8s.api.apps.v1.DeploymentSpec"]).strategy;
    expect(strategy["x-kubernetes-patch-strategy"]).toBe("retainKeys");
    const text = JSON.stringify(doc("", "v1"));
    expect(text).not.toContain("#/definitions/");
    expect(text).not.toContain('"anyOf"');
  });
});
