// Admission (worker/schema/admission.ts): envelope checks, null stripping,
// unknown fields, and Pod defaulting and validation with Kubernetes' wording.
import { describe, expect, it } from "vitest";
import { admitted, causes, container, deployment, pod, rejected, run } from "./admission-fixtures.ts";

describe("envelope", () => {
  it("fills in a missing apiVersion and kind", () => {
    const { object } = admitted(run("pods", { metadata: { name: "p" }, spec: { containers: [container()] } }));
    expect(object.apiVersion).toBe("v1");
    expect(object.kind).toBe("Pod");
  });

  it("rejects a mismatched apiVersion or kind with 400", () => {
    const v = rejected(run("deployments", { ...deployment(), apiVersion: "apps/v2" }));
    expect(v.code).toBe(400);
    expect(v.reason).toBe("BadRequest");
    expect(v.message).toBe("the API version in the data (apps/v2) does not match the expected API version (apps/v1)");
    const k = rejected(run("pods", { ...pod({ containers: [container()] }), kind: "Service" }));
    expect(k.code).toBe(400);
    expect(k.message).toBe("the kind in the data (Service) does not match the expected kind (Pod)");
    expect(rejected(run("pods", [1, 2])).code).toBe(400);
  });

  it("drops nulls and accepts empty objects as kubectl run sends them", () => {
    const input = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "nginx", creationTimestamp: null, labels: { run: "nginx" } },
      spec: { containers: [{ name: "nginx", image: "nginx", ports: [{ containerPort: 80 }], resources: {} }], dnsPolicy: "ClusterFirst", restartPolicy: "Always" },
      status: {},
    };
    const { object, warnings } = admitted(run("pods", input, { strict: true }));
    expect(warnings).toEqual([]);
    expect(object.metadata).not.toHaveProperty("creationTimestamp");
    expect(object.metadata.labels).toEqual({ run: "nginx" });
  });

  it("does not assign server-owned metadata", () => {
    const { object } = admitted(run("pods", pod({ containers: [container()] })));
    for (const f of ["uid", "resourceVersion", "creationTimestamp", "generation"]) expect(object.metadata).not.toHaveProperty(f);
  });
});

describe("unknown fields", () => {
  const withUnknown = pod({ foo: 1, containers: [container({ bar: true })] }, { name: "p", baz: "x" });

  it("are a strict decoding error under fieldValidation=Strict", () => {
    const status = rejected(run("pods", withUnknown, { strict: true }));
    expect(status.code).toBe(400);
    expect(status.reason).toBe("BadRequest");
    expect(status.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.baz", unknown field "spec.foo", unknown field "spec.containers[0].bar"',
    );
  });

  it("are dropped with warnings otherwise", () => {
    const { object, warnings } = admitted(run("pods", withUnknown));
    expect(warnings).toEqual(['unknown field "metadata.baz"', 'unknown field "spec.foo"', 'unknown field "spec.containers[0].bar"']);
    expect(object.spec).not.toHaveProperty("foo");
    expect(JSON.stringify(object)).not.toContain("bar");
  });

  it("are worded for apps kinds too", () => {
    const status = rejected(run("deployments", deployment({ foo: 1 }), { strict: true }));
    expect(status.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"');
  });
});

describe("schema errors", () => {
  it("report missing required fields as Required value", () => {
    const result = run("pods", pod({ containers: [{ image: "x" }] }));
    expect(causes(result)).toEqual(["spec.containers[0].name: Required value"]);
    const status = rejected(result);
    expect(status.message).toBe('Pod "p" is invalid: spec.containers[0].name: Required value');
    expect(status.details).toMatchObject({ name: "p", kind: "Pod", causes: [{ reason: "FieldValueRequired", field: "spec.containers[0].name" }] });
    expect(causes(run("pods", pod({})))).toEqual(["spec.containers: Required value"]);
  });

  it("report enum values as Unsupported value", () => {
    const result = run("pods", pod({ containers: [container()], restartPolicy: "Sometimes" }));
    expect(causes(result)).toEqual(['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']);
    expect(rejected(result).details?.causes?.[0].reason).toBe("FieldValueNotSupported");
  });

  it("report wrong types", () => {
    const result = run("deployments", deployment({ replicas: "three" }));
    expect(causes(result)).toEqual(['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"']);
    expect(rejected(result).message).toMatch(/^Deployment\.apps "web" is invalid: /);
  });

  it("accepts numbers where quantities are expected and stores strings", () => {
    const { object } = admitted(run("pods", pod({ containers: [container({ resources: { limits: { cpu: 1, memory: "64Mi" } } })] })));
    const spec = object.spec as { containers: { resources: { limits: Record<string, string>; requests: Record<string, string> } }[] };
    expect(spec.containers[0].resources.limits.cpu).toBe("1");
  });
});

describe("Pod defaulting", () => {
  it("applies SetDefaults_PodSpec and the admission plugins' defaults on create", () => {
    const { object } = admitted(run("pods", pod({ containers: [container()] })));
    expect(object.spec).toMatchObject({
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
      securityContext: {},
      enableServiceLinks: true,
      serviceAccountName: "default",
      priority: 0,
    });
    const tolerations = (object.spec as { tolerations: unknown[] }).tolerations;
    expect(tolerations).toContainEqual({ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
    expect(object.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  });

  it("defaults containers: pull policy, termination message, ports, probes", () => {
    const probe = { httpGet: { port: 8080 } };
    const { object } = admitted(
      run(
        "pods",
        pod({
          containers: [
            container({ image: "nginx", ports: [{ containerPort: 80 }], livenessProbe: probe }),
            container({ name: "b", image: "nginx:latest" }),
            container({ name: "c", image: "registry:5000/app:1.0" }),
            container({ name: "d", image: "app@sha256:abc" }),
          ],
        }),
      ),
    );
    const cs = (object.spec as { containers: Record<string, unknown>[] }).containers;
    expect(cs.map((c) => c.imagePullPolicy)).toEqual(["Always", "Always", "IfNotPresent", "IfNotPresent"]);
    expect(cs[0]).toMatchObject({
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      ports: [{ containerPort: 80, protocol: "TCP" }],
      livenessProbe: { httpGet: { port: 8080, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
    });
  });

  it("defaults requests to limits and computes the QoS class", () => {
    const limits = { cpu: "500m", memory: "128Mi" };
    const guaranteed = admitted(run("pods", pod({ containers: [container({ resources: { limits } })] }))).object;
    expect((guaranteed.spec as { containers: { resources: unknown }[] }).containers[0].resources).toEqual({ limits, requests: limits });
    expect((guaranteed.status as { qosClass: string }).qosClass).toBe("Guaranteed");
    const burstable = admitted(run("pods", pod({ containers: [container({ resources: { requests: { cpu: "100m" } } })] }))).object;
    expect((burstable.status as { qosClass: string }).qosClass).toBe("Burstable");
  });

  it("defaults volumes", () => {
    const volumes = [{ name: "a" }, { name: "b", configMap: { name: "cm" } }, { name: "c", secret: { secretName: "s" } }];
    const { object } = admitted(run("pods", pod({ volumes, containers: [container()] })));
    expect((object.spec as { volumes: unknown[] }).volumes).toEqual([
      { name: "a", emptyDir: {} },
      { name: "b", configMap: { name: "cm", defaultMode: 420 } },
      { name: "c", secret: { secretName: "s", defaultMode: 420 } },
    ]);
  });
});

describe("Pod validation", () => {
  const check = (spec: Record<string, unknown>, metadata?: Record<string, unknown>) => causes(run("pods", pod(spec, metadata)));

  it("validates names", () => {
    expect(check({ containers: [container()] }, { name: "Bad_Name" })).toEqual([
      `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
    expect(check({ containers: [container()] }, {})).toEqual(["metadata.name: Required value: name or generateName is required"]);
    expect(admitted(run("pods", pod({ containers: [container()] }, { generateName: "web-" }))).object.metadata.generateName).toBe("web-");
  });

  it("validates labels and annotations", () => {
    expect(check({ containers: [container()] }, { name: "p", labels: { "bad key!": "x", ok: "bad value!" } })).toEqual([
      `metadata.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `metadata.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
    const big = { a: "x".repeat(256 * 1024) };
    expect(check({ containers: [container()] }, { name: "p", annotations: big })).toEqual(["metadata.annotations: Too long: may not be more than 262144 bytes"]);
  });

  it("requires containers, unique DNS-label names and images", () => {
    expect(check({ containers: [] })).toEqual(["spec.containers: Required value"]);
    expect(check({ containers: [container(), container()] })).toEqual(['spec.containers[1].name: Duplicate value: "main"']);
    expect(check({ containers: [container({ image: "" })] })).toEqual(["spec.containers[0].image: Required value"]);
    expect(check({ containers: [container({ name: "Main" })] })[0]).toMatch(
      /^spec\.containers\[0\]\.name: Invalid value: "Main": a lowercase RFC 1123 label must consist of/,
    );
  });

  it("checks resources: quantities and requests <= limits", () => {
    expect(check({ containers: [container({ resources: { requests: { cpu: "2" }, limits: { cpu: "1" } } })] })).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
    // Requests are defaulted from limits before validation, so both are reported.
    expect(check({ containers: [container({ resources: { limits: { cpu: "lots" } } })] })).toEqual([
      `spec.containers[0].resources.limits[cpu]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      `spec.containers[0].resources.requests[cpu]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
    expect(check({ containers: [container({ resources: { requests: { gpu: "1" } } })] })).toEqual([
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]);
    admitted(run("pods", pod({ containers: [container({ resources: { requests: { "example.com/gpu": "1" } } })] })));
  });

  it("checks ports and env", () => {
    expect(check({ containers: [container({ ports: [{ containerPort: 70000 }] })] })).toEqual([
      "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
    ]);
    expect(check({ containers: [container({ env: [{ name: "1BAD" }] })] })).toEqual([
      `spec.containers[0].env[0].name: Invalid value: "1BAD": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
    ]);
    const both = { name: "A", valueFrom: { secretKeyRef: { name: "s", key: "k" }, configMapKeyRef: { name: "c", key: "k" } } };
    expect(check({ containers: [container({ env: [both] })] })).toEqual([
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time',
    ]);
    const field = { name: "A", valueFrom: { fieldRef: { fieldPath: "spec.nope" } } };
    expect(check({ containers: [container({ env: [field] })] })[0]).toMatch(
      /^spec\.containers\[0\]\.env\[0\]\.valueFrom\.fieldRef\.fieldPath: Unsupported value: "spec.nope": supported values: "metadata.annotations"/,
    );
  });

  it("checks volumes and mounts", () => {
    expect(
      check({ volumes: [{ name: "data" }, { name: "data" }], containers: [container({ volumeMounts: [{ name: "logs", mountPath: "/l" }] })] }),
    ).toEqual(['spec.volumes[1].name: Duplicate value: "data"', 'spec.containers[0].volumeMounts[0].name: Not found: "logs"']);
    expect(check({ volumes: [{ name: "v", emptyDir: {}, hostPath: { path: "/x" } }], containers: [container()] })).toEqual([
      "spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type",
    ]);
  });

  it("checks probes", () => {
    expect(check({ containers: [container({ livenessProbe: { periodSeconds: 5 } })] })).toEqual([
      "spec.containers[0].livenessProbe: Required value: must specify a handler type",
    ]);
    expect(check({ containers: [container({ livenessProbe: { exec: { command: ["true"] }, successThreshold: 2 } })] })).toEqual([
      "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
    ]);
  });

  it("checks scheduling constraints", () => {
    expect(check({ containers: [container()], tolerations: [{ key: "k", operator: "Exists", value: "v" }] })).toEqual([
      "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
    ]);
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In" }] }] } } };
    expect(check({ containers: [container()], affinity })).toEqual([
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
    const anti = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: "" } }] } };
    expect(check({ containers: [container()], affinity: anti })).toEqual([
      "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100",
      "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Required value: can not be empty",
    ]);
  });
});

describe("Pod updates", () => {
  const old = admitted(run("pods", pod({ containers: [container()], tolerations: [{ key: "a", operator: "Exists" }] }))).object;

  it("allow image changes, nodeName binding and added tolerations", () => {
    const next = structuredClone(old);
    const spec = next.spec as { containers: { image: string }[]; nodeName?: string; tolerations: unknown[] };
    spec.containers[0].image = "nginx:1.26";
    spec.nodeName = "n1";
    spec.tolerations.push({ key: "b", operator: "Exists" });
    expect(admitted(run("pods", next, { old })).object.spec).toMatchObject({ nodeName: "n1" });
  });

  it("forbid other spec changes", () => {
    const next = structuredClone(old);
    (next.spec as { restartPolicy: string }).restartPolicy = "Never";
    const [message] = causes(run("pods", next, { old }));
    expect(message).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,/);
    expect(message).toContain("spec.restartPolicy");
    const removed = structuredClone(old);
    (removed.spec as { tolerations: unknown[] }).tolerations = [];
    expect(causes(run("pods", removed, { old }))).toContain("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
  });

  it("validate status writes on the status subresource", () => {
    const next = structuredClone(old);
    next.status = { phase: "Running", podIP: "10.0.0.300" };
    expect(causes(run("pods", next, { old, subresource: "status" }))).toEqual(['status.podIP: Invalid value: "10.0.0.300": must be a valid IP address']);
    next.status = { phase: "Running", podIP: "10.0.0.3", conditions: [{ type: "Ready", status: "True" }] };
    expect(admitted(run("pods", next, { old, subresource: "status" })).object.status).toMatchObject({ phase: "Running" });
    next.status = { phase: "Exploded" };
    expect(causes(run("pods", next, { old, subresource: "status" }))[0]).toMatch(/^status\.phase: Unsupported value: "Exploded"/);
  });
});
