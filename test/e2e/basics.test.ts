// Discovery, version and authentication as kubectl sees them.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { scratchFile } from "./helpers/files.ts";
import { api } from "./helpers/https.ts";
import { kubectl, kubectlOk } from "./helpers/kubectl.ts";

describe("basics", () => {
  it("kubectl version shows the server version", async () => {
    const out = await kubectlOk(["version"]);
    expect(out).toMatch(/Client Version: v1\.\d+/);
    expect(out).toMatch(/Server Version: v1\.\d+\.\d+/);
  });

  it("lists the built-in namespaces", async () => {
    const out = await kubectlOk(["get", "ns"]);
    expect(out).toMatch(/^NAME\s+STATUS\s+AGE/);
    for (const name of ["default", "kube-system", "kube-public", "kube-node-lease"]) {
      expect(out).toMatch(new RegExp(`^${name}\\s+Active\\s`, "m"));
    }
  });

  it("probes are public, the API is not", async () => {
    expect((await api("GET", "/readyz", { token: null })).body.trim()).toBe("ok");
    expect((await api("GET", "/version", { token: null })).status).toBe(200);
    const denied = await api("GET", "/api/v1/namespaces", { token: null });
    expect(denied.status).toBe(401);
    expect(denied.json()).toMatchObject({ kind: "Status", code: 401, reason: "Unauthorized" });
  });

  it("a wrong token is refused the way kubectl expects", async () => {
    const cluster = inject("cluster");
    const config = (await readFile(cluster.kubeconfig, "utf8")).replace(cluster.token, "not-the-token");
    const kubeconfig = await scratchFile("wrong-token.kubeconfig", config);
    // Discovery is cached from the tests above, so kubectl goes straight to
    // the list and prints the Status message.
    await kubectlOk(["get", "ns"]);
    const warm = await kubectl(["get", "ns"], { kubeconfig });
    expect(warm.code).not.toBe(0);
    expect(warm.stderr).toContain("error: You must be logged in to the server (Unauthorized)");
    // Cold, the refusal comes during discovery, where client-go words it itself.
    const cold = await kubectl(["get", "ns"], { kubeconfig, cacheDir: join(cluster.workDir, "cache-wrong-token") });
    expect(cold.code).not.toBe(0);
    expect(cold.stderr).toContain("error: You must be logged in to the server");
  });

  it("a /clusters/<name> server prefix addresses a separate cluster", async () => {
    const cluster = inject("cluster");
    const other = ["--server", `${cluster.server}/clusters/e2e-other`];
    const options = { cacheDir: join(cluster.workDir, "cache-other") };
    const namespaces = await kubectlOk([...other, "get", "ns", "-o", "name"], options);
    expect(namespaces).toContain("namespace/kube-system");
    await kubectlOk([...other, "create", "-f", "-"], {
      ...options,
      input: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: only-in-other\n  namespace: default\n",
    });
    expect(await kubectlOk([...other, "get", "cm", "only-in-other", "-o", "name"], options)).toContain("configmap/only-in-other");
    const root = await kubectl(["get", "cm", "only-in-other", "-n", "default"]);
    expect(root.stderr).toContain('configmaps "only-in-other" not found');
  });
});
