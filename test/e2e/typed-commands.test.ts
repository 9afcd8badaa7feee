// kubectl's typed `create` subcommands send Kubernetes protobuf bodies.
import { describe, expect, it } from "vitest";
import { kubectlOk } from "./helpers/kubectl.ts";

const NS = "e2e-typed";

describe("kubectl create subcommands (protobuf bodies)", () => {
  it("create namespace, configmap, secret, serviceaccount, deployment and service", async () => {
    expect(await kubectlOk(["create", "namespace", NS])).toContain(`namespace/${NS} created`);
    expect(await kubectlOk(["-n", NS, "create", "configmap", "settings", "--from-literal=mode=fast"])).toContain("configmap/settings created");
    expect(await kubectlOk(["-n", NS, "create", "secret", "generic", "creds", "--from-literal=password=hunter2"])).toContain("secret/creds created");
    expect(await kubectlOk(["-n", NS, "create", "serviceaccount", "robot"])).toContain("serviceaccount/robot created");
    expect(await kubectlOk(["-n", NS, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=2", "--port=80"])).toContain(
      "deployment.apps/web created",
    );
    expect(await kubectlOk(["-n", NS, "create", "service", "nodeport", "web", "--tcp=80:80"])).toContain("service/web created");
    expect(await kubectlOk(["-n", NS, "get", "configmap", "settings", "-o", "jsonpath={.data.mode}"])).toBe("fast");
    expect(await kubectlOk(["-n", NS, "get", "secret", "creds", "-o", "jsonpath={.data.password}"])).toBe(Buffer.from("hunter2").toString("base64"));
    expect(await kubectlOk(["-n", NS, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"])).toBe("2");
    expect(await kubectlOk(["-n", NS, "get", "service", "web", "-o", "jsonpath={.spec.type}"])).toBe("NodePort");
  });
});
