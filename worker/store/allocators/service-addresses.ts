// ClusterIPs and NodePorts, allocated inside the write that creates or
// changes a Service and released by the write that deletes it.
import type { KubeObject } from "../../apimachinery/object.ts";
import { resourceByPlural } from "../../apimachinery/registry.ts";
import type { StatusCause } from "../../apimachinery/status.ts";
import { StatusError, errors } from "../../apimachinery/status.ts";
import type { Mutation } from "../write-path.ts";
import type { AllocationTable } from "./allocation-table.ts";
import type { Cidr } from "./cidr.ts";
import { contains, formatIPv4, parseIPv4 } from "./cidr.ts";

const IP_POOL = "service-ip";
const PORT_POOL = "node-port";
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

interface ServicePort {
  port?: number;
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
}

function invalid(service: KubeObject, field: string, message: string): StatusError {
  const cause: StatusCause = { reason: "FieldValueInvalid", field, message: `Invalid value: ${message}` };
  return new StatusError(errors.invalid(resourceByPlural("services")!, service.metadata.name ?? "", [cause]));
}

export class ServiceAddressAllocator {
  constructor(
    private readonly table: AllocationTable,
    private readonly range: Cidr,
  ) {}

  prepare(mutation: Mutation): void {
    if (mutation.resource !== "services") return;
    const service = mutation.object;
    const owner = `${service.metadata.namespace}/${service.metadata.name}`;
    if (mutation.type === "DELETED") {
      for (const pool of [IP_POOL, PORT_POOL]) for (const value of this.table.heldBy(pool, owner)) this.table.release(pool, value, owner);
      return;
    }
    const spec = (service.spec ?? {}) as ServiceSpec;
    service.spec = spec;
    this.assignClusterIP(service, spec, owner);
    this.assignNodePorts(service, spec, owner);
  }

  private assignClusterIP(service: KubeObject, spec: ServiceSpec, owner: string): void {
    const held = this.table.heldBy(IP_POOL, owner);
    if (spec.type === "ExternalName") {
      for (const ip of held) this.table.release(IP_POOL, ip, owner);
      delete spec.clusterIP;
      delete spec.clusterIPs;
      return;
    }
    if (spec.clusterIP === "None") {
      spec.clusterIPs = ["None"];
      return;
    }
    const requested = spec.clusterIP || held[0];
    if (requested) {
      const ip = parseIPv4(requested);
      if (ip === undefined || !contains(this.range, ip)) {
        throw invalid(service, "spec.clusterIPs", `[]string{"${requested}"}: failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${formatIPv4(this.range.base)}/${this.range.prefix}`);
      }
      if (!this.table.claim(IP_POOL, requested, owner)) {
        throw invalid(service, "spec.clusterIPs", `[]string{"${requested}"}: failed to allocate IP ${requested}: provided IP is already allocated`);
      }
      spec.clusterIP = requested;
    } else {
      // The network address, the first address (the `kubernetes` Service's) and broadcast are never handed out.
      const usable = this.range.size - 3;
      const ip = this.table.claimAny(IP_POOL, owner, usable, (offset) => formatIPv4(this.range.base + 2 + offset));
      if (!ip) throw invalid(service, "spec.clusterIPs", `[]string{}: failed to allocate IP: range is full`);
      spec.clusterIP = ip;
    }
    spec.clusterIPs = [spec.clusterIP];
  }

  private assignNodePorts(service: KubeObject, spec: ServiceSpec, owner: string): void {
    const wanted = spec.type === "NodePort" || spec.type === "LoadBalancer";
    const keep = new Set<string>();
    for (const [index, port] of (spec.ports ?? []).entries()) {
      if (!wanted) {
        delete port.nodePort;
        continue;
      }
      const field = `spec.ports[${index}].nodePort`;
      if (port.nodePort !== undefined) {
        if (port.nodePort < NODE_PORT_MIN || port.nodePort > NODE_PORT_MAX) {
          throw invalid(service, field, `${port.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
        }
        if (keep.has(String(port.nodePort)) || !this.table.claim(PORT_POOL, String(port.nodePort), owner)) {
          throw invalid(service, field, `${port.nodePort}: provided port is already allocated`);
        }
      } else {
        const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
        const value = this.table.claimAny(PORT_POOL, owner, size, (offset) => String(NODE_PORT_MIN + offset));
        if (!value) throw invalid(service, field, `0: range is full`);
        port.nodePort = Number(value);
      }
      keep.add(String(port.nodePort));
    }
    for (const held of this.table.heldBy(PORT_POOL, owner)) if (!keep.has(held)) this.table.release(PORT_POOL, held, owner);
  }
}
