// Services and Endpoints: printService (TYPE, CLUSTER-IP, EXTERNAL-IP,
// PORT(S)) and printEndpoints (at most three addresses, then "+ N more...").
import type { KubeObject } from "../../apimachinery/object.ts";
import { since } from "./age.ts";
import { AGE_COLUMN, NAME_COLUMN, column } from "./columns.ts";
import type { Printer, TableCell } from "./columns.ts";
import type { Json } from "./read.ts";
import { formatLabels, int, list, obj, str, strings } from "./read.ts";

/** makePortString: "80/TCP", or "80:30080/TCP" when a node port is allocated. */
function portsCell(spec: Json): string {
  const pieces = list(spec.ports).map((p) => {
    const protocol = str(p.protocol) || "TCP";
    const nodePort = int(p.nodePort);
    return nodePort > 0 ? `${int(p.port)}:${nodePort}/${protocol}` : `${int(p.port)}/${protocol}`;
  });
  return pieces.length === 0 ? "<none>" : pieces.join(",");
}

/** loadBalancerStatusStringer, wide (the server always renders wide): sorted unique IPs or hostnames. */
function loadBalancerAddresses(status: Json): string[] {
  const found = new Set<string>();
  for (const ing of list(obj(status.loadBalancer).ingress)) {
    const ip = str(ing.ip);
    const host = str(ing.hostname);
    if (ip !== "") found.add(ip);
    else if (host !== "") found.add(host);
  }
  return [...found].sort();
}

function externalIPCell(spec: Json, status: Json, type: string): string {
  const externalIPs = strings(spec.externalIPs);
  switch (type) {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const all = [...loadBalancerAddresses(status), ...externalIPs];
      return all.length > 0 ? all.join(",") : "<pending>";
    }
    case "ExternalName":
      return str(spec.externalName);
    default:
      return "<unknown>";
  }
}

function clusterIPCell(spec: Json): string {
  const ips = strings(spec.clusterIPs);
  if (ips.length > 0) return ips[0];
  return str(spec.clusterIP) || "<none>";
}

export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Type", "type determines how the Service is exposed. Defaults to ClusterIP."),
    column("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned randomly."),
    column("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
    column("Port(s)", "The list of ports that are exposed by this service."),
    AGE_COLUMN,
    column("Selector", "Route service traffic to pods with label keys and values matching this selector.", { priority: 1 }),
  ],
  cells(o: KubeObject, now: number): TableCell[] {
    const spec = obj(o.spec);
    const type = str(spec.type) || "ClusterIP";
    return [
      str(o.metadata.name),
      type,
      clusterIPCell(spec),
      externalIPCell(spec, obj(o.status), type),
      portsCell(spec),
      since(o.metadata.creationTimestamp, now),
      formatLabels(spec.selector),
    ];
  },
};

/** net.JoinHostPort: IPv6 addresses get brackets. */
const hostPort = (ip: string, port: number): string => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);

/** formatEndpoints with no port filter. */
export function formatEndpoints(o: KubeObject): string {
  const subsets = list(o.subsets);
  if (subsets.length === 0) return "<none>";
  const max = 3;
  const shown: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = list(ss.addresses);
    const ports = list(ss.ports);
    // Headless services may list addresses without ports.
    const rendered =
      ports.length === 0
        ? [addresses.map((a) => str(a.ip))]
        : ports.map((p) => addresses.map((a) => hostPort(str(a.ip), int(p.port))));
    for (const group of rendered) {
      count += group.length;
      for (const entry of group) {
        if (shown.length === max) {
          more = true;
          break;
        }
        shown.push(entry);
      }
    }
  }
  const joined = shown.join(",");
  if (more) return `${joined} + ${count - max} more...`;
  return joined === "" ? "<none>" : joined;
}

export const endpointsPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Endpoints", "The set of all endpoints is the union of all subsets."),
    AGE_COLUMN,
  ],
  cells(o: KubeObject, now: number): TableCell[] {
    return [str(o.metadata.name), formatEndpoints(o), since(o.metadata.creationTimestamp, now)];
  },
};
