// Docker labels that identify a container's pod, in dockershim's names so
// existing tooling recognizes them, plus the node that owns it: several
// agents may share one engine and each manages only containers with its name.
import type { ContainerRole, PodIdentity } from "../runtime.ts";

export const LABEL = {
  podName: "io.kubernetes.pod.name",
  podNamespace: "io.kubernetes.pod.namespace",
  podUid: "io.kubernetes.pod.uid",
  containerName: "io.kubernetes.container.name",
  /** dockershim: "podsandbox" or "container". */
  dockerType: "io.kubernetes.docker.type",
  sandboxId: "io.kubernetes.sandbox.id",
  restartCount: "io.kubernetes.container.restartCount",
  hash: "io.kubernetes.container.hash",
  gracePeriod: "io.kubernetes.pod.terminationGracePeriod",
  node: "io.kubeflare.node",
  role: "io.kubeflare.container.role",
} as const;

export const SANDBOX_CONTAINER_NAME = "POD";

export function podLabels(pod: PodIdentity, nodeName: string): Record<string, string> {
  return {
    [LABEL.podName]: pod.name,
    [LABEL.podNamespace]: pod.namespace,
    [LABEL.podUid]: pod.uid,
    [LABEL.node]: nodeName,
  };
}

export function roleOf(labels: Record<string, string>): ContainerRole {
  const role = labels[LABEL.role];
  if (role === "init" || role === "app" || role === "sandbox") return role;
  return labels[LABEL.dockerType] === "podsandbox" ? "sandbox" : "app";
}

/** dockershim's naming: k8s_<container>_<pod>_<namespace>_<uid>_<attempt>. */
export function containerName(container: string, pod: PodIdentity, attempt: number): string {
  return `k8s_${container}_${pod.name}_${pod.namespace}_${pod.uid}_${attempt}`;
}
