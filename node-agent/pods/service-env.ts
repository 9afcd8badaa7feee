// Docker-links-style Service variables kubelet gives every container:
// FOO_SERVICE_HOST, FOO_SERVICE_PORT, FOO_PORT_80_TCP_ADDR and friends, for
// the Services of the pod's namespace (with enableServiceLinks, the default)
// and always for the API server's `kubernetes` Service in `default`.
import type { Pod, Service } from "../../worker/schema/kinds.ts";

function prefix(name: string): string {
  return name.toUpperCase().replace(/-/g, "_");
}

function addService(env: Map<string, string>, service: Service): void {
  const ip = service.spec?.clusterIP;
  const ports = service.spec?.ports ?? [];
  if (!ip || ip === "None" || ports.length === 0) return;
  const name = prefix(service.metadata.name ?? "");
  env.set(`${name}_SERVICE_HOST`, ip);
  env.set(`${name}_SERVICE_PORT`, String(ports[0].port));
  for (const port of ports) {
    if (port.name) env.set(`${name}_SERVICE_PORT_${prefix(port.name)}`, String(port.port));
  }
  const first = ports[0];
  const proto = (first.protocol ?? "TCP").toLowerCase();
  env.set(`${name}_PORT`, `${proto}://${ip}:${first.port}`);
  for (const port of ports) {
    const protocol = port.protocol ?? "TCP";
    const base = `${name}_PORT_${port.port}_${protocol}`;
    env.set(base, `${protocol.toLowerCase()}://${ip}:${port.port}`);
    env.set(`${base}_PROTO`, protocol.toLowerCase());
    env.set(`${base}_PORT`, String(port.port));
    env.set(`${base}_ADDR`, ip);
  }
}

export function serviceEnv(pod: Pod, services: Iterable<Service>): Map<string, string> {
  const env = new Map<string, string>();
  const namespace = pod.metadata.namespace ?? "default";
  const links = pod.spec?.enableServiceLinks ?? true;
  const chosen: Service[] = [];
  for (const service of services) {
    const ns = service.metadata.namespace ?? "default";
    const isApiServer = ns === "default" && service.metadata.name === "kubernetes";
    if (isApiServer || (links && ns === namespace)) chosen.push(service);
  }
  // The pod's own namespace wins over the API server's entry on a name clash.
  chosen.sort((a, b) => Number((a.metadata.namespace ?? "default") === namespace) - Number((b.metadata.namespace ?? "default") === namespace));
  for (const service of chosen) addService(env, service);
  return env;
}
