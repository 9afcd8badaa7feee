// Pods' resolver configuration from dnsPolicy and dnsConfig, as Kubernetes defines it.
import { describe, expect, it } from "vitest";
import { parseResolvConf, podDnsConfig } from "../../node-agent/network/dns/resolv-conf.ts";
import type { Pod } from "../../worker/schema/kinds.ts";

const host = parseResolvConf("# generated\nnameserver 192.0.2.53\nnameserver 192.0.2.54 # second\nsearch corp.example\noptions timeout:2 rotate\n");

function pod(spec: Partial<NonNullable<Pod["spec"]>>): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { namespace: "shop", name: "p" }, spec: { containers: [{ name: "c", image: "i" }], ...spec } };
}

describe("pod DNS config", () => {
  it("parses the host's resolv.conf", () => {
    expect(host).toEqual({ servers: ["192.0.2.53", "192.0.2.54"], searches: ["corp.example"], options: ["timeout:2", "rotate"] });
  });

  it("ClusterFirst (the default): the node resolver, the namespace's search path, ndots:5", () => {
    expect(podDnsConfig(pod({}), "10.244.1.1", host)).toEqual({
      servers: ["10.244.1.1"],
      searches: ["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"],
      options: ["ndots:5"],
    });
  });

  it("Default copies the host; ClusterFirst on the host network means Default; ClusterFirstWithHostNet opts back in", () => {
    expect(podDnsConfig(pod({ dnsPolicy: "Default" }), "10.244.1.1", host)).toEqual(host);
    expect(podDnsConfig(pod({ hostNetwork: true }), "10.244.1.1", host)).toEqual(host);
    expect(podDnsConfig(pod({ hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" }), "10.244.1.1", host).servers).toEqual(["10.244.1.1"]);
  });

  it("None takes only dnsConfig; dnsConfig merges into other policies, options by name", () => {
    const dnsConfig = { nameservers: ["1.2.3.4"], searches: ["extra.example"], options: [{ name: "ndots", value: "2" }, { name: "edns0" }] };
    expect(podDnsConfig(pod({ dnsPolicy: "None", dnsConfig }), "10.244.1.1", host)).toEqual({ servers: ["1.2.3.4"], searches: ["extra.example"], options: ["ndots:2", "edns0"] });
    const merged = podDnsConfig(pod({ dnsConfig }), "10.244.1.1", host);
    expect(merged.servers).toEqual(["10.244.1.1", "1.2.3.4"]);
    expect(merged.searches.at(-1)).toBe("extra.example");
    expect(merged.options).toEqual(["ndots:2", "edns0"]);
  });

  it("keeps at most three nameservers", () => {
    const dnsConfig = { nameservers: ["1.1.1.1", "2.2.2.2", "3.3.3.3"] };
    expect(podDnsConfig(pod({ dnsConfig }), "10.244.1.1", host).servers).toEqual(["10.244.1.1", "1.1.1.1", "2.2.2.2"]);
  });
});
