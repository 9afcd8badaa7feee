// IPv4 CIDR arithmetic for the address allocators.

export interface Cidr {
  base: number;
  prefix: number;
  size: number;
}

export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export function parseCidr(text: string): Cidr {
  const [address, prefixText] = text.split("/");
  const base = parseIPv4(address ?? "");
  const prefix = Number(prefixText);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 8 || prefix > 30) {
    throw new Error(`invalid IPv4 CIDR "${text}" (expected a.b.c.d/8..30)`);
  }
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), prefix, size };
}

export function contains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}
