// The objects benchmarks create: a namespace and a Deployment of small pods.
import type { BenchClient } from "./http.ts";

export async function createNamespace(http: BenchClient, name: string): Promise<void> {
  const res = await http.send("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  if (res.status !== 201) throw new Error(`creating namespace ${name}: ${res.status} ${res.body.slice(0, 300)}`);
}

export interface DeploymentOptions {
  name: string;
  replicas: number;
  image: string;
  command?: string[];
  /** Small requests exercise the scheduler's resource fit like real pods do. */
  requests?: { cpu: string; memory: string };
  /** Per-pod settings of the pod template (grace period, readiness probe, …). */
  podSpec?: Record<string, unknown>;
}

export function deployment(options: DeploymentOptions): Record<string, unknown> {
  const labels = { app: options.name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: options.name, labels },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: 1,
          ...options.podSpec,
          containers: [{
            name: "main",
            image: options.image,
            imagePullPolicy: "IfNotPresent",
            ...(options.command ? { command: options.command } : {}),
            ...(options.requests ? { resources: { requests: options.requests } } : {}),
          }],
        },
      },
    },
  };
}

/** The collection's current resourceVersion, to start a watch from. */
export async function listResourceVersion(http: BenchClient, path: string): Promise<string> {
  const res = await http.send("GET", `${path}${path.includes("?") ? "&" : "?"}limit=1`);
  if (res.status !== 200) throw new Error(`listing ${path}: ${res.status} ${res.body.slice(0, 300)}`);
  return (JSON.parse(res.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}
