// Requests and limits as cgroup settings, the way kubelet maps them: memory
// limit -> memory.limit_in_bytes, CPU limit -> CFS quota per 100 ms period,
// CPU request -> shares (1024 per core, at least 2), and an OOM score that
// protects Guaranteed pods and sacrifices BestEffort ones first.
import type { Container } from "../../worker/schema/kinds.ts";
import { bytes, millicores } from "../../worker/schema/quantity.ts";
import type { ContainerResources } from "../runtime/runtime.ts";

const CPU_PERIOD_MICROS = 100_000;
const MIN_QUOTA_MICROS = 1000;
const MIN_SHARES = 2;

export type QosClass = "Guaranteed" | "Burstable" | "BestEffort";

function oomScoreAdj(container: Container, qos: QosClass, memoryCapacity: number): number {
  if (qos === "Guaranteed") return -997;
  if (qos === "BestEffort") return 1000;
  const request = container.resources?.requests?.memory;
  const requested = request ? bytes(request) : 0;
  const score = Math.floor(1000 - (1000 * requested) / Math.max(1, memoryCapacity));
  if (score < 3) return 3;
  return score >= 1000 ? 999 : score;
}

export function containerResources(container: Container, qos: QosClass, memoryCapacity: number): ContainerResources {
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  const out: ContainerResources = { oomScoreAdj: oomScoreAdj(container, qos, memoryCapacity) };
  if (limits.memory) out.memoryLimitBytes = bytes(limits.memory);
  if (limits.cpu) {
    out.cpuPeriodMicros = CPU_PERIOD_MICROS;
    out.cpuQuotaMicros = Math.max(MIN_QUOTA_MICROS, Math.round((millicores(limits.cpu) * CPU_PERIOD_MICROS) / 1000));
  }
  const cpuRequest = requests.cpu ?? limits.cpu;
  out.cpuShares = cpuRequest ? Math.max(MIN_SHARES, Math.floor((millicores(cpuRequest) * 1024) / 1000)) : MIN_SHARES;
  return out;
}
