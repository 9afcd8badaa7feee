// POST /manifests: multi-document YAML applied all-or-nothing.
import { afterAll, describe, expect, it } from "vitest";
import { api } from "./helpers/https.ts";
import { kubectl } from "./helpers/kubectl.ts";

const NS = "e2e-manifests";

interface ManifestResponse {
  kind: string;
  dryRun: boolean;
  items: { kind: string; name: string; namespace?: string; action: string }[];
}

function bundle(greeting: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${NS}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: ${NS}
data:
  greeting: ${greeting}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: ${NS}
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: nginx:1.25
`;
}

const post = (body: string, query = "") =>
  api("POST", `/manifests${query}`, { body, headers: { "Content-Type": "application/yaml" } });

function actions(response: ManifestResponse): string[] {
  return response.items.map((item) => `${item.kind}/${item.name}=${item.action}`);
}

afterAll(async () => {
  await kubectl(["delete", "namespace", NS, "--wait=false"]);
});

describe("POST /manifests", () => {
  it("dryRun=All reports what would happen and writes nothing", async () => {
    const response = await post(bundle("hello"), "?dryRun=All");
    expect(response.status, response.body).toBe(200);
    const result = response.json<ManifestResponse>();
    expect(result.dryRun).toBe(true);
    expect(actions(result)).toEqual(["Namespace/e2e-manifests=created", "ConfigMap/settings=created", "Deployment/api=created"]);
    expect((await api("GET", `/api/v1/namespaces/${NS}`)).status).toBe(404);
  });

  it("creates, then reports unchanged, then configured", async () => {
    const first = await post(bundle("hello"));
    expect(first.status, first.body).toBe(200);
    expect(actions(first.json<ManifestResponse>())).toEqual([
      "Namespace/e2e-manifests=created",
      "ConfigMap/settings=created",
      "Deployment/api=created",
    ]);
    const second = await post(bundle("hello"));
    expect(actions(second.json<ManifestResponse>())).toEqual([
      "Namespace/e2e-manifests=unchanged",
      "ConfigMap/settings=unchanged",
      "Deployment/api=unchanged",
    ]);
    const third = await post(bundle("bonjour"));
    expect(actions(third.json<ManifestResponse>())).toEqual([
      "Namespace/e2e-manifests=unchanged",
      "ConfigMap/settings=configured",
      "Deployment/api=unchanged",
    ]);
    const settings = await api("GET", `/api/v1/namespaces/${NS}/configmaps/settings`);
    expect(settings.json<{ data: Record<string, string> }>().data.greeting).toBe("bonjour");
  });

  it("an invalid document gets 422 and nothing is applied", async () => {
    const body = `apiVersion: v1
kind: ConfigMap
metadata:
  name: never-created
  namespace: ${NS}
data:
  a: b
---
apiVersion: v1
kind: Pod
metadata:
  name: bad
  namespace: ${NS}
spec:
  containers:
    - name: main
`;
    const response = await post(body);
    expect(response.status, response.body).toBe(422);
    expect(response.json()).toMatchObject({ kind: "Status", reason: "Invalid", code: 422 });
    expect((await api("GET", `/api/v1/namespaces/${NS}/configmaps/never-created`)).status).toBe(404);
  });
});
