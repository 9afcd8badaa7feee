// The everyday kubectl workflow on a Deployment, Service and ConfigMap:
// apply (client- and server-side), get in its output forms, describe, scale,
// patch, create, errors, delete and watch.
import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchFile } from "./helpers/files.ts";
import { kubectl, kubectlBackground, kubectlOk } from "./helpers/kubectl.ts";
import { createConfigMap, createNamespace } from "./helpers/objects.ts";

const NS = "e2e-apps";
const n = ["-n", NS];

function appYaml(withTier: boolean): string {
  const tier = withTier ? "\n    tier: frontend" : "";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web${tier}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    app: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  labels:
    app: web
data:
  greeting: hello
`;
}

let appFile = "";

beforeAll(async () => {
  await createNamespace(NS);
  appFile = await scratchFile("app.yaml", appYaml(true));
});

afterAll(async () => {
  await kubectl(["delete", "namespace", NS, "--wait=false"]);
});

describe("kubectl apply", () => {
  it("creates, then reports unchanged", async () => {
    const first = await kubectlOk(["apply", "-f", appFile, ...n]);
    expect(first).toContain("deployment.apps/web created");
    expect(first).toContain("service/web created");
    expect(first).toContain("configmap/web-config created");
    const second = await kubectlOk(["apply", "-f", appFile, ...n]);
    expect(second).toContain("deployment.apps/web unchanged");
    expect(second).toContain("service/web unchanged");
    expect(second).toContain("configmap/web-config unchanged");
  });

  it("configures when a label is removed from the file, and the label is gone", async () => {
    await writeFile(appFile, appYaml(false));
    const out = await kubectlOk(["apply", "-f", appFile, ...n]);
    expect(out).toContain("deployment.apps/web configured");
    const labels = await kubectlOk(["get", "deploy", "web", ...n, "-o", "jsonpath={.metadata.labels}"]);
    expect(JSON.parse(labels)).toEqual({ app: "web" });
  });

  it("applies server-side", async () => {
    const file = await scratchFile("ssa.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  mode: server-side\n");
    expect(await kubectlOk(["apply", "--server-side", "-f", file, ...n])).toContain("configmap/ssa serverside-applied");
    expect(await kubectlOk(["get", "cm", "ssa", ...n, "-o", "jsonpath={.data.mode}"])).toBe("server-side");
    expect(await kubectlOk(["apply", "--server-side", "-f", file, ...n])).toContain("configmap/ssa serverside-applied");
  });
});

describe("kubectl get and describe", () => {
  it("gets several kinds at once", async () => {
    const out = await kubectlOk(["get", "deploy,svc,cm", ...n]);
    expect(out).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/m);
    expect(out).toMatch(/^deployment\.apps\/web\s/m);
    expect(out).toMatch(/^service\/web\s/m);
    expect(out).toMatch(/^configmap\/web-config\s/m);
  });

  it("get all uses the all category", async () => {
    const out = await kubectlOk(["get", "all", ...n]);
    expect(out).toMatch(/^deployment\.apps\/web\s/m);
    expect(out).toMatch(/^service\/web\s/m);
    expect(out).not.toMatch(/configmap\//);
  });

  it("-o wide adds the wide columns", async () => {
    const out = await kubectlOk(["get", "deploy", "web", ...n, "-o", "wide"]);
    expect(out).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR/);
    expect(out).toMatch(/^web\s.*\sweb\s+nginx:1\.25\s+app=web/m);
  });

  it("-A adds the namespace column", async () => {
    const out = await kubectlOk(["get", "deploy", "-A"]);
    expect(out).toMatch(/^NAMESPACE\s+NAME\s+READY/);
    expect(out).toMatch(new RegExp(`^${NS}\\s+web\\s`, "m"));
  });

  it("-o yaml prints the object", async () => {
    const out = await kubectlOk(["get", "svc", "web", ...n, "-o", "yaml"]);
    expect(out).toMatch(/^kind: Service$/m);
    expect(out).toMatch(/^ {2}name: web$/m);
    expect(out).toMatch(/resourceVersion: "\d+"/);
  });

  it("--show-labels adds the labels column", async () => {
    const out = await kubectlOk(["get", "cm", "web-config", ...n, "--show-labels"]);
    expect(out).toMatch(/^NAME\s+DATA\s+AGE\s+LABELS/);
    expect(out).toMatch(/^web-config\s+1\s+\S+\s+app=web$/m);
  });

  it("describes a deployment", async () => {
    const out = await kubectlOk(["describe", "deployment", "web", ...n]);
    expect(out).toMatch(/^Name:\s+web$/m);
    expect(out).toMatch(new RegExp(`^Namespace:\\s+${NS}$`, "m"));
    expect(out).toMatch(/^Selector:\s+app=web$/m);
    expect(out).toMatch(/Image:\s+nginx:1\.25/);
  });
});

describe("kubectl scale and patch", () => {
  it("scales a deployment", async () => {
    expect(await kubectlOk(["scale", "deployment", "web", "--replicas=3", ...n])).toContain("deployment.apps/web scaled");
    expect(await kubectlOk(["get", "deploy", "web", ...n, "-o", "jsonpath={.spec.replicas}"])).toBe("3");
  });

  it("merge patch", async () => {
    const out = await kubectlOk(["patch", "deployment", "web", ...n, "--type=merge", "-p", '{"metadata":{"labels":{"patched":"merge"}}}']);
    expect(out).toContain("deployment.apps/web patched");
    expect(await kubectlOk(["get", "deploy", "web", ...n, "-o", "jsonpath={.metadata.labels.patched}"])).toBe("merge");
  });

  it("JSON patch", async () => {
    const patch = '[{"op":"replace","path":"/metadata/labels/patched","value":"json"}]';
    expect(await kubectlOk(["patch", "deployment", "web", ...n, "--type=json", "-p", patch])).toContain("deployment.apps/web patched");
    expect(await kubectlOk(["get", "deploy", "web", ...n, "-o", "jsonpath={.metadata.labels.patched}"])).toBe("json");
  });

  it("strategic merge patch merges containers by name", async () => {
    const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}';
    expect(await kubectlOk(["patch", "deployment", "web", ...n, "--type=strategic", "-p", patch])).toContain("deployment.apps/web patched");
    const containers = JSON.parse(await kubectlOk(["get", "deploy", "web", ...n, "-o", "jsonpath={.spec.template.spec.containers}"])) as {
      name: string;
      image: string;
      ports?: { containerPort: number }[];
    }[];
    expect(containers).toHaveLength(1);
    expect(containers[0]).toMatchObject({ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] });
  });
});

describe("kubectl create and errors", () => {
  it("create twice: the second is AlreadyExists", async () => {
    const file = await scratchFile("created.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: created\ndata:\n  a: b\n");
    expect(await kubectlOk(["create", "-f", file, ...n])).toContain("configmap/created created");
    const again = await kubectl(["create", "-f", file, ...n]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Error from server (AlreadyExists): error when creating');
    expect(again.stderr).toContain('configmaps "created" already exists');
  });

  it("a missing object is NotFound", async () => {
    const result = await kubectl(["get", "pods", "nope", ...n]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Error from server (NotFound): pods "nope" not found');
  });

  it("an invalid pod is rejected with the field", async () => {
    const file = await scratchFile("bad-pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n    - name: main\n");
    const result = await kubectl(["apply", "-f", file, ...n]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('The Pod "bad" is invalid: spec.containers[0].image: Required value');
  });
});

describe("kubectl delete and watch", () => {
  it("deletes a configmap and waits for it to be gone", async () => {
    await createConfigMap(NS, "x");
    expect(await kubectlOk(["delete", "configmap", "x", ...n])).toContain('configmap "x" deleted');
    const after = await kubectl(["get", "configmap", "x", ...n]);
    expect(after.stderr).toContain('Error from server (NotFound): configmaps "x" not found');
  });

  it("get -w receives an ADDED line when a configmap is created", async () => {
    const watch = kubectlBackground(["get", "configmaps", "-w", "--output-watch-events", ...n]);
    try {
      // The initial list comes first: then the watch is established.
      await watch.waitFor(/web-config/);
      await createConfigMap(NS, "watched");
      const line = await watch.waitFor(/^ADDED\s+watched\s/, 10_000);
      expect(line).toMatch(/^ADDED\s+watched\s+1\s/);
    } finally {
      watch.stop();
    }
  });
});
