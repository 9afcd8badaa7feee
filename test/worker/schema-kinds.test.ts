// Admission of the kinds other than Pod: defaults, validation and update rules
// for Deployments, ReplicaSets, Scale, Services, Secrets, ConfigMaps,
// Namespaces, Nodes, Leases, Events and Endpoints.
import { describe, expect, it } from "vitest";
import { admitted, causes, container, deployment, rejected, run } from "./admission-fixtures.ts";

function obj(apiVersion: string, kind: string, name: string, body: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion, kind, metadata: { name, namespace: "default" }, ...body };
}

describe("Deployment", () => {
  it("is defaulted like SetDefaults_Deployment, with the template as a pod spec", () => {
    const { object } = admitted(run("deployments", deployment()));
    expect(object.spec).toMatchObject({
      replicas: 1,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { spec: { restartPolicy: "Always", dnsPolicy: "ClusterFirst", containers: [{ imagePullPolicy: "IfNotPresent" }] } },
    });
    // Pod-only admission defaults do not apply to templates.
    expect((object.spec as { template: { spec: Record<string, unknown> } }).template.spec).not.toHaveProperty("serviceAccountName");
    expect(object).not.toHaveProperty("status");
  });

  it("requires a selector that matches the template labels", () => {
    expect(causes(run("deployments", deployment({ selector: { matchLabels: { app: "x" } } })))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    expect(causes(run("deployments", deployment({ selector: undefined })))).toEqual(["spec.selector: Required value"]);
    expect(causes(run("deployments", deployment({ replicas: -1 })))).toEqual(["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]);
  });

  it("validates the strategy and template restart policy", () => {
    expect(causes(run("deployments", deployment({ strategy: { type: "Recreate", rollingUpdate: { maxSurge: 1 } } })))).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    expect(causes(run("deployments", deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })))).toEqual([
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
    ]);
    expect(causes(run("deployments", deployment({ strategy: { rollingUpdate: { maxUnavailable: "150%" } } })))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ]);
    const template = { metadata: { labels: { app: "web" } }, spec: { restartPolicy: "Never", containers: [container()] } };
    expect(causes(run("deployments", deployment({ template })))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it("keeps spec.selector immutable", () => {
    const old = admitted(run("deployments", deployment())).object;
    const next = deployment({
      selector: { matchLabels: { app: "web", tier: "x" } },
      template: { metadata: { labels: { app: "web", tier: "x" } }, spec: { containers: [container()] } },
    });
    expect(causes(run("deployments", next, { old }))).toEqual([
      'spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    const scaled = admitted(run("deployments", deployment({ replicas: 3 }), { old })).object;
    expect((scaled.spec as { replicas: number }).replicas).toBe(3);
  });

  it("validates status writes", () => {
    const old = admitted(run("deployments", deployment())).object;
    const next = { ...structuredClone(old), status: { replicas: 1, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1 } };
    expect(causes(run("deployments", next, { old, subresource: "status" }))).toEqual([
      "status.updatedReplicas: Invalid value: 2: cannot be greater than status.replicas",
    ]);
    const fine = { ...structuredClone(old), status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, conditions: [{ type: "Available", status: "True" }] } };
    expect(admitted(run("deployments", fine, { old, subresource: "status" })).object.status).toMatchObject({ replicas: 1 });
  });
});

describe("ReplicaSet and Scale", () => {
  const rs = (spec: Record<string, unknown>) => ({ ...deployment(spec, "web-1"), kind: "ReplicaSet" });

  it("defaults and validates ReplicaSets", () => {
    expect(admitted(run("replicasets", rs({}))).object.spec).toMatchObject({ replicas: 1 });
    expect(causes(run("replicasets", rs({ selector: {} })))).toEqual([
      "spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for replicaset",
    ]);
  });

  it("admits autoscaling/v1 Scale bodies on the scale subresource", () => {
    const scale = { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "web", namespace: "default" }, spec: { replicas: 3 } };
    const { object } = admitted(run("deployments", scale, { subresource: "scale" }));
    expect(object).toMatchObject({ kind: "Scale", spec: { replicas: 3 } });
    const negative = run("deployments", { ...scale, spec: { replicas: -1 } }, { subresource: "scale" });
    expect(causes(negative)).toEqual(["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]);
    expect(rejected(negative).message).toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(rejected(run("deployments", { ...scale, kind: "Deployment", apiVersion: "apps/v1" }, { subresource: "scale" })).code).toBe(400);
    expect(rejected(run("replicasets", { ...scale, spec: { replicas: 1, extra: 1 } }, { subresource: "scale", strict: true })).message).toBe(
      'Scale in version "v1" cannot be handled as a Scale: strict decoding error: unknown field "spec.extra"',
    );
  });
});

describe("Service", () => {
  const svc = (spec: Record<string, unknown>, name = "web") => obj("v1", "Service", name, { spec });

  it("is defaulted", () => {
    const { object } = admitted(run("services", svc({ selector: { app: "web" }, ports: [{ port: 80 }] })));
    expect(object.spec).toMatchObject({
      type: "ClusterIP",
      sessionAffinity: "None",
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
    });
    const np = admitted(run("services", svc({ type: "NodePort", ports: [{ port: 80, targetPort: "http" }] }))).object;
    expect(np.spec).toMatchObject({ externalTrafficPolicy: "Cluster", ports: [{ targetPort: "http" }] });
  });

  it("validates names, ports and types", () => {
    expect(causes(run("services", svc({ ports: [{ port: 80 }] }, "1web")))[0]).toBe(
      `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
    expect(causes(run("services", svc({})))).toEqual(["spec.ports: Required value"]);
    expect(causes(run("services", svc({ ports: [{ port: 80 }, { port: 81 }] })))).toEqual([
      "spec.ports[0].name: Required value",
      "spec.ports[1].name: Required value",
    ]);
    expect(causes(run("services", svc({ ports: [{ port: 0 }] })))).toEqual(["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"]);
    expect(causes(run("services", svc({ ports: [{ port: 80, nodePort: 30000 }] })))).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    expect(causes(run("services", svc({ type: "Balanced", ports: [{ port: 80 }] })))).toEqual([
      'spec.type: Unsupported value: "Balanced": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    expect(causes(run("services", svc({ type: "ExternalName" })))).toEqual(["spec.externalName: Required value"]);
    expect(admitted(run("services", obj("v1", "Service", "x", { spec: { ports: [{ port: 80 }] }, status: { loadBalancer: {} } }), { strict: true })).warnings).toEqual([]);
  });

  it("keeps clusterIP once set, and carries it over a PUT that omits it", () => {
    const old = admitted(run("services", svc({ clusterIP: "10.96.0.10", ports: [{ port: 80, protocol: "TCP" }] }))).object;
    expect(causes(run("services", svc({ clusterIP: "10.96.0.11", ports: [{ port: 80 }] }), { old }))).toEqual([
      'spec.clusterIP: Invalid value: "10.96.0.11": field is immutable',
    ]);
    const replaced = admitted(run("services", svc({ ports: [{ port: 80 }] }), { old })).object;
    expect(replaced.spec).toMatchObject({ clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"] });
  });
});

describe("Secret and ConfigMap", () => {
  it("folds stringData into base64 data and defaults the type", () => {
    const { object } = admitted(run("secrets", obj("v1", "Secret", "s", { stringData: { password: "héllo" }, data: { user: "YWRtaW4=" } })));
    expect(object).toMatchObject({ type: "Opaque", data: { user: "YWRtaW4=", password: "aMOpbGxv" } });
    expect(object).not.toHaveProperty("stringData");
  });

  it("validates keys, base64 and typed secrets", () => {
    expect(causes(run("secrets", obj("v1", "Secret", "s", { data: { "bad key": "eA==", k: "not base64!" } })))).toEqual([
      `data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      'data[k]: Invalid value: "<secret contents redacted>": must be a valid base64 string',
    ]);
    expect(causes(run("secrets", obj("v1", "Secret", "tls", { type: "kubernetes.io/tls", data: { "tls.crt": "eA==" } })))).toEqual([
      "data[tls.key]: Required value",
    ]);
    expect(causes(run("configmaps", obj("v1", "ConfigMap", "c", { data: { "..": "x" } })))).toEqual(["data[..]: Invalid value: \"..\": must not be '..'"]);
  });

  it("forbids changes to immutable data", () => {
    const old = admitted(run("configmaps", obj("v1", "ConfigMap", "c", { immutable: true, data: { a: "1" } }))).object;
    expect(causes(run("configmaps", obj("v1", "ConfigMap", "c", { immutable: true, data: { a: "2" } }), { old }))).toEqual([
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
    const secret = admitted(run("secrets", obj("v1", "Secret", "s", { immutable: true, data: { a: "eA==" } }))).object;
    expect(causes(run("secrets", obj("v1", "Secret", "s", { data: { a: "eA==" } }), { old: secret }))).toEqual([
      "immutable: Forbidden: field is immutable when `immutable` is set",
    ]);
  });
});

describe("cluster-scoped and coordination kinds", () => {
  it("defaults Namespaces and validates their names as DNS labels", () => {
    const { object } = admitted(run("namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } }));
    expect(object).toMatchObject({ spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });
    const terminating = { ...structuredClone(object), spec: { finalizers: [] }, status: { phase: "Terminating" } };
    expect(admitted(run("namespaces", terminating, { old: object })).object).toMatchObject({ spec: { finalizers: [] }, status: { phase: "Terminating" } });
    expect(causes(run("namespaces", { metadata: { name: "a.b" } }))).toEqual(['metadata.name: Invalid value: "a.b": must not contain dots']);
  });

  it("validates Node taints and resources, and defaults allocatable", () => {
    const node = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" }, spec, status });
    const { object } = admitted(run("nodes", node({ podCIDR: "10.244.1.0/24" }, { capacity: { cpu: "4", memory: "8Gi", pods: "110" } })));
    expect(object).toMatchObject({ spec: { podCIDRs: ["10.244.1.0/24"] }, status: { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } } });
    expect(causes(run("nodes", node({ taints: [{ key: "k", effect: "Sometimes" }] })))).toEqual([
      'spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
    expect(causes(run("nodes", node({}, { capacity: { cpu: "many" } }), { old: object, subresource: "status" }))[0]).toMatch(
      /^status\.capacity\[cpu\]: Invalid value: "many": quantities must match/,
    );
  });

  it("validates Leases, Events and Endpoints", () => {
    const lease = obj("coordination.k8s.io/v1", "Lease", "n1", { spec: { holderIdentity: "n1", leaseDurationSeconds: 0, renewTime: "2024-01-01T00:00:00.000000Z" } });
    expect(causes(run("leases", lease))).toEqual(["spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"]);
    const event = obj("v1", "Event", "p.1", { involvedObject: { kind: "Pod", name: "p", namespace: "other" }, reason: "Scheduled", type: "Normal", count: 1 });
    expect(causes(run("events", event))).toEqual(['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
    const ep = obj("v1", "Endpoints", "web", { subsets: [{ addresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80 }] }] });
    expect(admitted(run("endpoints", ep)).object).toMatchObject({ subsets: [{ ports: [{ port: 80, protocol: "TCP" }] }] });
    const sa = obj("v1", "ServiceAccount", "default", {});
    expect(admitted(run("serviceaccounts", sa, { strict: true })).warnings).toEqual([]);
  });
});
