import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../worker/apimachinery/object.ts";
import { StatusError } from "../../worker/apimachinery/status.ts";
import { applyPatch, patchTypeFromContentType } from "../../worker/patch/index.ts";

/** A patched object read loosely for assertions: any path may be followed. */
interface Loose {
  readonly [key: string]: Loose;
}
const loose = (value: unknown): Loose => value as Loose;
const names = (list: unknown, key = "name"): unknown[] => (list as Record<string, unknown>[]).map((item) => item[key]);
const smp = (live: KubeObject, patch: unknown): Loose => loose(applyPatch("strategic", live, patch));
const podSpec = (o: Loose): Loose => o.spec.template.spec;

function pod(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec, ...extra };
}

function deployment(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "default",
      uid: "u1",
      resourceVersion: "7",
      labels: { app: "web" },
      annotations: { note: "keep" },
      finalizers: ["a", "b"],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "main",
              image: "nginx:1.25",
              ports: [{ containerPort: 80, protocol: "TCP" }],
              env: [
                { name: "A", value: "1" },
                { name: "B", value: "2" },
              ],
              resources: { limits: { cpu: "1" } },
            },
            { name: "sidecar", image: "busybox", args: ["sleep", "1d"] },
          ],
          volumes: [{ name: "data", emptyDir: {} }],
          tolerations: [{ key: "x", operator: "Exists" }],
        },
      },
    },
    status: { conditions: [{ type: "Available", status: "True" }] },
  };
}

describe("patchTypeFromContentType", () => {
  it("maps the four patch media types and ignores parameters", () => {
    expect(patchTypeFromContentType("application/json-patch+json")).toBe("json");
    expect(patchTypeFromContentType("application/merge-patch+json; charset=utf-8")).toBe("merge");
    expect(patchTypeFromContentType("application/strategic-merge-patch+json")).toBe("strategic");
    expect(patchTypeFromContentType("application/apply-patch+yaml;charset=utf-8")).toBe("apply");
    expect(patchTypeFromContentType("application/json")).toBeUndefined();
  });
});

describe("strategic merge patch", () => {
  it("applies kubectl's re-apply patch to a Pod: changes only the image, keeps the rest of the container", () => {
    const live = pod(
      {
        containers: [
          { name: "main", image: "nginx:1.25", ports: [{ containerPort: 80 }], resources: {}, imagePullPolicy: "IfNotPresent" },
        ],
        restartPolicy: "Always",
      },
      { metadata: { name: "p", annotations: { a: "1" } } },
    );
    const out = smp(live, {
      metadata: { annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" } },
      spec: { "$setElementOrder/containers": [{ name: "main" }], containers: [{ image: "nginx:1.26", name: "main" }] },
    });
    expect(out.spec).toEqual({
      containers: [
        { name: "main", image: "nginx:1.26", ports: [{ containerPort: 80 }], resources: {}, imagePullPolicy: "IfNotPresent" },
      ],
      restartPolicy: "Always",
    });
    expect(out.metadata.annotations).toEqual({ a: "1", "kubectl.kubernetes.io/last-applied-configuration": "{}" });
  });

  it("applies the same re-apply patch nested in a Deployment's pod template", () => {
    const live = deployment();
    const out = smp(live, {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "main" }, { name: "sidecar" }],
            containers: [{ image: "nginx:1.26", name: "main" }],
          },
        },
      },
    });
    const containers = podSpec(out).containers;
    expect(containers[0]).toEqual({ ...loose(live.spec).template.spec.containers[0], image: "nginx:1.26" });
    expect(containers[1]).toEqual(loose(live.spec).template.spec.containers[1]);
    expect(JSON.stringify(out)).not.toContain("$setElementOrder");
  });

  it("never mutates its inputs", () => {
    const live = deployment();
    const patch = { spec: { template: { spec: { containers: [{ name: "main", image: "x" }] } } } };
    const before = JSON.stringify([live, patch]);
    smp(live, patch);
    expect(JSON.stringify([live, patch])).toBe(before);
  });

  it("deletes keys set to null and merges maps", () => {
    const out = smp(deployment(), { metadata: { labels: { app: null, tier: "fe" } }, spec: { replicas: null } });
    expect(out.metadata.labels).toEqual({ tier: "fe" });
    expect(out.spec.replicas).toBeUndefined();
    expect(out.spec.selector).toEqual({ matchLabels: { app: "web" } });
  });

  it("merges nested keyed lists in a Deployment's pod template (env by name, ports by containerPort)", () => {
    const out = smp(deployment(), {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: "main",
                env: [{ name: "B", value: "changed" }, { name: "C", value: "3" }],
                ports: [{ containerPort: 443 }],
              },
              { name: "new", image: "redis" },
            ],
          },
        },
      },
    });
    const { 0: main, 1: sidecar, 2: added } = podSpec(out).containers;
    expect(main.env).toEqual([{ name: "A", value: "1" }, { name: "B", value: "changed" }, { name: "C", value: "3" }]);
    expect(main.ports).toEqual([{ containerPort: 80, protocol: "TCP" }, { containerPort: 443 }]);
    expect(main.image).toBe("nginx:1.25");
    expect(sidecar.name).toBe("sidecar");
    expect(added).toEqual({ name: "new", image: "redis" });
  });

  it("replaces lists without a patch strategy (tolerations, args)", () => {
    const out = smp(deployment(), {
      spec: {
        template: {
          spec: {
            tolerations: [{ key: "y", operator: "Exists" }],
            containers: [{ name: "sidecar", args: ["true"] }],
          },
        },
      },
    });
    expect(podSpec(out).tolerations).toEqual([{ key: "y", operator: "Exists" }]);
    expect(podSpec(out).containers[1].args).toEqual(["true"]);
  });

  it("deletes a keyed element with $patch: delete", () => {
    const out = smp(deployment(), {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "main" }],
            containers: [{ $patch: "delete", name: "sidecar" }],
          },
        },
      },
    });
    expect(names(podSpec(out).containers)).toEqual(["main"]);
  });

  it("deletes an env var by name inside a container", () => {
    const out = smp(deployment(), {
      spec: { template: { spec: { containers: [{ name: "main", env: [{ name: "A", $patch: "delete" }] }] } } },
    });
    expect(podSpec(out).containers[0].env).toEqual([{ name: "B", value: "2" }]);
  });

  it("replaces a whole keyed list with a $patch: replace element", () => {
    const out = smp(deployment(), {
      spec: { template: { spec: { containers: [{ $patch: "replace" }, { name: "only", image: "i" }] } } },
    });
    expect(podSpec(out).containers).toEqual([{ name: "only", image: "i" }]);
  });

  it("replaces a map with $patch: replace and empties it with $patch: delete", () => {
    const live = deployment();
    const replaced = smp(live, { spec: { selector: { $patch: "replace", matchExpressions: [] } } });
    expect(replaced.spec.selector).toEqual({ matchExpressions: [] });
    const deleted = smp(live, { metadata: { labels: { $patch: "delete" } } });
    expect(deleted.metadata.labels).toEqual({});
  });

  it("orders a keyed list by $setElementOrder and strips the directive", () => {
    const out = smp(deployment(), {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "sidecar" }, { name: "main" }],
          },
        },
      },
    });
    expect(names(podSpec(out).containers)).toEqual(["sidecar", "main"]);
    expect(Object.keys(podSpec(out)).some((k) => k.startsWith("$"))).toBe(false);
  });

  it("interleaves server-only items by their live position", () => {
    const live = pod({ containers: [{ name: "a" }, { name: "b" }, { name: "c" }] });
    const out = smp(live, {
      spec: { "$setElementOrder/containers": [{ name: "a" }, { name: "c" }, { name: "d" }], containers: [{ name: "d", image: "x" }] },
    });
    // "b" was not in the client's order: it keeps its place between a and c.
    expect(names(out.spec.containers)).toEqual(["a", "b", "c", "d"]);
  });

  it("merges primitive lists with patchStrategy merge as sets (finalizers) and orders them", () => {
    const live = deployment();
    expect(smp(live, { metadata: { finalizers: ["b", "c"] } }).metadata.finalizers).toEqual(["a", "b", "c"]);
    const ordered = smp(live, { metadata: { "$setElementOrder/finalizers": ["c", "b", "a"], finalizers: ["c"] } });
    expect(ordered.metadata.finalizers).toEqual(["c", "b", "a"]);
  });

  it("removes primitives with $deleteFromPrimitiveList", () => {
    const live = deployment();
    expect(smp(live, { metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] } }).metadata.finalizers).toEqual(["b"]);
    const both = smp(live, {
      metadata: { "$setElementOrder/finalizers": ["b", "z"], "$deleteFromPrimitiveList/finalizers": ["a"], finalizers: ["z"] },
    });
    expect(both.metadata.finalizers).toEqual(["b", "z"]);
  });

  it("drops keys outside $retainKeys (Deployment strategy switched to Recreate)", () => {
    const out = smp(deployment(), { spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: null } } });
    expect(out.spec.strategy).toEqual({ type: "Recreate" });
  });

  it("honours $retainKeys on volumes (changing a volume's source)", () => {
    const out = smp(deployment(), {
      spec: {
        template: {
          spec: {
            volumes: [{ name: "data", $retainKeys: ["configMap", "name"], configMap: { name: "cm" } }],
          },
        },
      },
    });
    expect(podSpec(out).volumes).toEqual([{ name: "data", configMap: { name: "cm" } }]);
  });

  it("rejects $retainKeys that omit a key the patch sets", () => {
    expect(() => smp(deployment(), { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: {} } } })).toThrow(StatusError);
  });

  it("merges pod, node and deployment conditions by type", () => {
    const out = smp(deployment(), {
      status: { conditions: [{ type: "Progressing", status: "True" }, { type: "Available", status: "False" }] },
    });
    expect(out.status.conditions).toEqual([
      { type: "Available", status: "False" },
      { type: "Progressing", status: "True" },
    ]);
    const node: KubeObject = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "n" },
      spec: { taints: [{ key: "a", effect: "NoSchedule" }] },
      status: { addresses: [{ type: "InternalIP", address: "10.0.0.1" }], conditions: [{ type: "Ready", status: "False" }] },
    };
    const patched = smp(node, {
      spec: { taints: [{ key: "b", effect: "NoSchedule" }] },
      status: { addresses: [{ type: "Hostname", address: "n" }], conditions: [{ type: "Ready", status: "True" }] },
    });
    expect(patched.status.addresses).toHaveLength(2);
    expect(patched.status.conditions).toEqual([{ type: "Ready", status: "True" }]);
    // Taints are atomic in Kubernetes.
    expect(patched.spec.taints).toEqual([{ key: "b", effect: "NoSchedule" }]);
  });

  it("merges Service ports by port, ownerReferences by uid, volumeMounts by mountPath, imagePullSecrets by name", () => {
    const svc: KubeObject = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s", ownerReferences: [{ apiVersion: "v1", kind: "X", name: "x", uid: "1" }] },
      spec: { ports: [{ port: 80, targetPort: 8080 }] },
    };
    const out = smp(svc, {
      metadata: { ownerReferences: [{ apiVersion: "v1", kind: "Y", name: "y", uid: "2" }] },
      spec: { ports: [{ port: 80, name: "http" }, { port: 443 }] },
    });
    expect(out.spec.ports).toEqual([{ port: 80, targetPort: 8080, name: "http" }, { port: 443 }]);
    expect(names(out.metadata.ownerReferences, "uid")).toEqual(["1", "2"]);

    const p = pod({
      containers: [{ name: "c", volumeMounts: [{ mountPath: "/a", name: "v" }] }],
      imagePullSecrets: [{ name: "r1" }],
      hostAliases: [{ ip: "1.1.1.1", hostnames: ["a"] }],
    });
    const po = smp(p, {
      spec: {
        containers: [{ name: "c", volumeMounts: [{ mountPath: "/b", name: "w" }] }],
        imagePullSecrets: [{ name: "r2" }],
        hostAliases: [{ ip: "1.1.1.1", hostnames: ["b"] }],
      },
    });
    expect(po.spec.containers[0].volumeMounts).toHaveLength(2);
    expect(po.spec.imagePullSecrets).toEqual([{ name: "r1" }, { name: "r2" }]);
    expect(po.spec.hostAliases).toEqual([{ ip: "1.1.1.1", hostnames: ["b"] }]);
  });

  it("applies directives inside newly added elements", () => {
    const out = smp(pod({ containers: [{ name: "a" }] }), {
      spec: { containers: [{ name: "b", "$setElementOrder/env": [{ name: "X" }], env: [{ name: "X", value: "1" }], ports: null }] },
    });
    expect(out.spec.containers[1]).toEqual({ name: "b", env: [{ name: "X", value: "1" }] });
  });

  it("replaces lists for unknown kinds, like a merge patch", () => {
    const obj: KubeObject = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: { items: [{ name: "a", v: 1 }] } };
    expect(smp(obj, { spec: { items: [{ name: "a", w: 2 }] } }).spec.items).toEqual([{ name: "a", w: 2 }]);
  });

  it("rejects malformed patches with 400", () => {
    const live = deployment();
    const status = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as StatusError).status;
      }
      throw new Error("did not throw");
    };
    expect(status(() => smp(live, [1])).code).toBe(400);
    expect(status(() => smp(live, { spec: { template: { spec: { containers: [{ image: "x" }] } } } })).message).toContain('merge key "name"');
    expect(status(() => smp(live, { metadata: { $patch: "bogus" } })).code).toBe(400);
    expect(status(() => smp(live, { spec: { $bogus: 1 } })).code).toBe(400);
  });
});
