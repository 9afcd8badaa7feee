// Each Node gets a /24 of the cluster CIDR as its spec.podCIDR when it
// registers, so pod IPs are unique across the cluster.
import { resourceByPlural } from "../../apimachinery/registry.ts";
import { StatusError, errors } from "../../apimachinery/status.ts";
import type { Mutation } from "../write-path.ts";
import type { AllocationTable } from "./allocation-table.ts";
import type { Cidr } from "./cidr.ts";
import { formatIPv4 } from "./cidr.ts";

const POOL = "pod-cidr";
const NODE_PREFIX = 24;

export class NodePodCidrAllocator {
  constructor(
    private readonly table: AllocationTable,
    private readonly clusterCidr: Cidr,
  ) {}

  prepare(mutation: Mutation): void {
    if (mutation.resource !== "nodes") return;
    const node = mutation.object;
    const owner = node.metadata.name ?? "";
    if (mutation.type === "DELETED") {
      for (const value of this.table.heldBy(POOL, owner)) this.table.release(POOL, value, owner);
      return;
    }
    const spec = (node.spec ?? {}) as { podCIDR?: string; podCIDRs?: string[] };
    node.spec = spec;
    const cidr = spec.podCIDR || this.table.heldBy(POOL, owner)[0] || this.allocate(owner);
    if (!this.table.claim(POOL, cidr, owner)) {
      throw new StatusError(
        errors.invalid(resourceByPlural("nodes")!, owner, [
          { reason: "FieldValueInvalid", field: "spec.podCIDR", message: `Invalid value: "${cidr}": already allocated to another node` },
        ]),
      );
    }
    spec.podCIDR = cidr;
    spec.podCIDRs = [cidr];
  }

  private allocate(owner: string): string {
    const blockSize = 2 ** (32 - NODE_PREFIX);
    const blocks = Math.max(1, this.clusterCidr.size / blockSize);
    const cidr = this.table.claimAny(POOL, owner, blocks, (i) => `${formatIPv4(this.clusterCidr.base + i * blockSize)}/${NODE_PREFIX}`);
    if (!cidr) throw new StatusError(errors.forbidden(`no pod CIDR left in the cluster CIDR for node ${owner}`));
    return cidr;
  }
}
