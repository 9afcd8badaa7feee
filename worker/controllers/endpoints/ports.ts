// podutil.FindPort: a Service's targetPort is either a number, used as is, or
// the name of a container port, which each pod may map to a different number.
import type { Pod, ServicePort } from "../../schema/kinds.ts";

export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === "number") return target;
  const protocol = servicePort.protocol ?? "TCP";
  const spec = pod.spec;
  if (!spec) return undefined;
  // Sidecars (init containers that keep running) serve traffic too, as in Kubernetes 1.29+.
  const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always");
  for (const container of [...spec.containers, ...sidecars]) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? "TCP") === protocol) return port.containerPort;
    }
  }
  return undefined;
}
