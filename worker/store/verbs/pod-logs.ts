// pods/log: checks the request against the pod as Kubernetes does, then asks
// the pod's node for the log through its tunnel.
import type { LogRequest } from "../../apimachinery/tunnel-protocol.ts";
import { StatusError, errors, failure } from "../../apimachinery/status.ts";
import type { NodeTunnels } from "../node-tunnels.ts";
import type { StoreContext } from "./context.ts";
import { readExisting, resourceOf } from "./context.ts";

export type LogOptions = Omit<LogRequest, "type" | "id" | "namespace" | "pod" | "uid" | "container"> & { container?: string };

interface PodShape {
  nodeName?: string;
  containers?: { name: string }[];
  initContainers?: { name: string }[];
}

export function podLogs(
  ctx: StoreContext,
  tunnels: NodeTunnels,
  namespace: string,
  name: string,
  options: LogOptions,
): ReadableStream<Uint8Array> {
  const pod = readExisting(ctx, resourceOf("pods"), namespace, name);
  const spec = (pod.spec ?? {}) as PodShape;
  const names = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name);
  const container = options.container ?? (spec.containers?.length === 1 ? spec.containers[0].name : undefined);
  if (!container) {
    throw new StatusError(
      errors.badRequest(`a container name must be specified for pod ${name}, choose one of: [${(spec.containers ?? []).map((c) => c.name).join(" ")}]`),
    );
  }
  if (!names.includes(container)) throw new StatusError(errors.badRequest(`container ${container} is not valid for pod ${name}`));
  if (!spec.nodeName) throw new StatusError(errors.badRequest(`pod ${name} does not have a host assigned`));
  const stream = tunnels.logs(spec.nodeName, {
    ...options,
    namespace,
    pod: name,
    uid: pod.metadata.uid ?? "",
    container,
  });
  if (!stream) {
    throw new StatusError(
      failure(503, "ServiceUnavailable", `the node ${spec.nodeName} hosting pod ${name} has no open tunnel to the control plane`),
    );
  }
  return stream;
}
