// Fake pod IPs for simulated sandboxes, handed out from the node's podCIDR
// (the /24 the control plane allocated), so simulated pods look like real
// ones to Endpoints and kubectl. TEST TOOL: nothing is routed to them.

function ipToNumber(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

export class PodIpPool {
  private readonly first: number;
  private readonly size: number;
  private readonly byOwner = new Map<string, string>();
  private readonly inUse = new Set<number>();
  private next = 0;

  /** `cidr` like 10.244.3.0/24; without one, a 10.255.x.y stand-in range. */
  constructor(cidr: string | undefined) {
    const [base, bits] = (cidr ?? "10.255.0.0/16").split("/");
    const prefix = Math.min(30, Math.max(8, Number(bits) || 24));
    this.size = 2 ** (32 - prefix);
    this.first = ipToNumber(base) - (ipToNumber(base) % this.size);
  }

  /** The same address for the same owner (a pod uid) until released. */
  assign(owner: string): string {
    const held = this.byOwner.get(owner);
    if (held) return held;
    // .0 is the network, .1 the node's bridge, the last the broadcast address.
    for (let tries = 0; tries < this.size; tries++) {
      const offset = 2 + ((this.next++) % (this.size - 3));
      if (this.inUse.has(offset)) continue;
      this.inUse.add(offset);
      const ip = numberToIp(this.first + offset);
      this.byOwner.set(owner, ip);
      return ip;
    }
    throw new Error("simulated pod CIDR is full");
  }

  release(owner: string): void {
    const ip = this.byOwner.get(owner);
    if (!ip) return;
    this.byOwner.delete(owner);
    this.inUse.delete(ipToNumber(ip) - this.first);
  }
}
