import { describe, expect, it } from "vitest";
import { api, json } from "./api-client.ts";

const CLUSTER = "/clusters/allocation";

function service(name: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  };
}

async function createNamespace(): Promise<string> {
  const name = `alloc-${Math.random().toString(36).slice(2, 8)}`;
  await api("POST", `${CLUSTER}/api/v1/namespaces`, { body: { apiVersion: "v1", kind: "Namespace", metadata: { name } } });
  return name;
}

describe("ClusterIP and NodePort allocation", () => {
  it("gives each Service its own ClusterIP from the service range", async () => {
    const ns = await createNamespace();
    const base = `${CLUSTER}/api/v1/namespaces/${ns}/services`;
    const ips = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const created = await json(await api("POST", base, { body: service(`s${i}`) }));
      const ip = created.spec?.clusterIP as string;
      expect(ip).toMatch(/^10\.(9[6-9]|1[01][0-9])\.\d+\.\d+$/);
      expect(created.spec?.clusterIPs).toEqual([ip]);
      ips.add(ip);
    }
    expect(ips.size).toBe(5);
  });

  it("refuses a ClusterIP that is taken or out of range with 422", async () => {
    const ns = await createNamespace();
    const base = `${CLUSTER}/api/v1/namespaces/${ns}/services`;
    const first = await json(await api("POST", base, { body: service("first") }));
    const taken = await api("POST", base, { body: service("second", { clusterIP: first.spec?.clusterIP }) });
    expect(taken.status).toBe(422);
    expect((await json(taken)).message).toContain("provided IP is already allocated");
    const outside = await api("POST", base, { body: service("third", { clusterIP: "192.168.1.1" }) });
    expect(outside.status).toBe(422);
    expect((await api("GET", `${base}/second`)).status).toBe(404);
  });

  it("leaves headless and ExternalName Services without an address", async () => {
    const ns = await createNamespace();
    const base = `${CLUSTER}/api/v1/namespaces/${ns}/services`;
    const headless = await json(await api("POST", base, { body: service("headless", { clusterIP: "None" }) }));
    expect(headless.spec?.clusterIPs).toEqual(["None"]);
    const external = await json(
      await api("POST", base, { body: { ...service("ext"), spec: { type: "ExternalName", externalName: "example.com" } } }),
    );
    expect(external.spec?.clusterIP).toBeUndefined();
  });

  it("allocates NodePorts in 30000-32767, refuses taken and out-of-range ones, and frees them on delete", async () => {
    const ns = await createNamespace();
    const base = `${CLUSTER}/api/v1/namespaces/${ns}/services`;
    const auto = await json(await api("POST", base, { body: service("auto", { type: "NodePort" }) }));
    const port = (auto.spec?.ports as { nodePort: number }[])[0].nodePort;
    expect(port).toBeGreaterThanOrEqual(30000);
    expect(port).toBeLessThanOrEqual(32767);
    const clash = await api("POST", base, { body: service("clash", { type: "NodePort", ports: [{ port: 80, nodePort: port }] }) });
    expect(clash.status).toBe(422);
    expect((await json(clash)).details?.causes?.[0].field).toBe("spec.ports[0].nodePort");
    const outOfRange = await api("POST", base, { body: service("far", { type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }) });
    expect(outOfRange.status).toBe(422);
    await api("DELETE", `${base}/auto`);
    const reuse = await api("POST", base, { body: service("reuse", { type: "NodePort", ports: [{ port: 80, nodePort: port }] }) });
    expect(reuse.status).toBe(201);
  });
});

describe("pod CIDRs", () => {
  it("gives each Node its own /24 of the cluster CIDR", async () => {
    const cidrs = new Set<string>();
    for (const name of ["cidr-a", "cidr-b", "cidr-c"]) {
      const node = await json(await api("POST", `${CLUSTER}/api/v1/nodes`, { body: { apiVersion: "v1", kind: "Node", metadata: { name } } }));
      const cidr = node.spec?.podCIDR as string;
      expect(cidr).toMatch(/^10\.244\.\d+\.0\/24$/);
      cidrs.add(cidr);
    }
    expect(cidrs.size).toBe(3);
  });
});

