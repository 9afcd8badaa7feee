// Nodes: printNode. STATUS comes from the Ready condition (plus
// SchedulingDisabled when cordoned); ROLES from node-role.kubernetes.io/* labels.
import type { KubeObject } from "../../apimachinery/object.ts";
import { since } from "./age.ts";
import { AGE_COLUMN, NAME_COLUMN, column } from "./columns.ts";
import type { Printer, TableCell } from "./columns.ts";
import type { Json } from "./read.ts";
import { list, obj, str, stringMap } from "./read.ts";

function statusCell(o: KubeObject): string {
  const ready = list(obj(o.status).conditions).find((c) => c.type === "Ready");
  const parts: string[] = [];
  if (ready === undefined) parts.push("Unknown");
  else parts.push(ready.status === "True" ? "Ready" : "NotReady");
  if (obj(o.spec).unschedulable === true) parts.push("SchedulingDisabled");
  return parts.join(",");
}

/** findNodeRoles: node-role.kubernetes.io/<role> keys, or the legacy kubernetes.io/role value. */
function rolesCell(o: KubeObject): string {
  const prefix = "node-role.kubernetes.io/";
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(stringMap(o.metadata.labels))) {
    if (k.startsWith(prefix)) {
      if (k.length > prefix.length) roles.add(k.slice(prefix.length));
    } else if (k === "kubernetes.io/role" && v !== "") {
      roles.add(v);
    }
  }
  return roles.size === 0 ? "<none>" : [...roles].sort().join(",");
}

function address(status: Json, type: string): string {
  return str(list(status.addresses).find((a) => a.type === type)?.address) || "<none>";
}

const orUnknown = (s: string): string => (s === "" ? "<unknown>" : s);

export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Status", "The status of the node"),
    column("Roles", "The roles of the node"),
    AGE_COLUMN,
    column("Version", "Kubelet Version reported by the node."),
    column("Internal-IP", "List of addresses reachable to the node.", { priority: 1 }),
    column("External-IP", "List of addresses reachable to the node.", { priority: 1 }),
    column("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", {
      priority: 1,
    }),
    column("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", {
      priority: 1,
    }),
    column("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", {
      priority: 1,
    }),
  ],
  cells(o: KubeObject, now: number): TableCell[] {
    const status = obj(o.status);
    const info = obj(status.nodeInfo);
    return [
      str(o.metadata.name),
      statusCell(o),
      rolesCell(o),
      since(o.metadata.creationTimestamp, now),
      str(info.kubeletVersion),
      address(status, "InternalIP"),
      address(status, "ExternalIP"),
      orUnknown(str(info.osImage)),
      orUnknown(str(info.kernelVersion)),
      orUnknown(str(info.containerRuntimeVersion)),
    ];
  },
};
