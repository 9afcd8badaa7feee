// A short hash of a container's spec, stamped on its Docker container: when
// the pod's spec changes (an image update), the hashes differ and the
// container is replaced, as kubelet does with its container hash.
import { createHash } from "node:crypto";
import type { Container } from "../../worker/schema/kinds.ts";

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function containerHash(container: Container): string {
  // Resources may change in place (resize) without a restart in Kubernetes; leave them out.
  const { resources: _resources, ...rest } = container;
  return createHash("sha256").update(stable(rest)).digest("hex").slice(0, 8);
}
