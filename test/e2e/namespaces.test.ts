// Deleting a namespace finishes: its contents are removed and kubectl's wait ends.
import { describe, expect, it } from "vitest";
import { kubectl, kubectlOk } from "./helpers/kubectl.ts";
import { createConfigMap, createNamespace } from "./helpers/objects.ts";

const NS = "e2e-doomed";

describe("namespace deletion", () => {
  it("kubectl delete namespace completes and the namespace is gone", async () => {
    await createNamespace(NS);
    await createConfigMap(NS, "inside");
    const out = await kubectlOk(["delete", "namespace", NS, "--timeout=45s"], { timeoutMs: 55_000 });
    expect(out).toContain(`namespace "${NS}" deleted`);
    const after = await kubectl(["get", "namespace", NS]);
    expect(after.stderr).toContain(`Error from server (NotFound): namespaces "${NS}" not found`);
  });
});
