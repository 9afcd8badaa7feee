// Creates objects from YAML on stdin. Imperative `kubectl create namespace` /
// `create configmap` send protobuf bodies, which the API does not read yet;
// `create -f` sends JSON and is what these helpers use.
import { kubectlOk } from "./kubectl.ts";

export function createNamespace(name: string): Promise<string> {
  return kubectlOk(["create", "-f", "-"], { input: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n` });
}

export function createConfigMap(namespace: string, name: string, data: Record<string, string> = { k: "v" }): Promise<string> {
  const lines = Object.entries(data).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);
  const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n${lines.join("\n")}\n`;
  return kubectlOk(["create", "-f", "-"], { input: yaml });
}
