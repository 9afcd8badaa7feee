// SetDefaults_Service, plus what the Service registry keeps across a PUT that
// omits allocated values (clusterIP, nodePorts).
import type { Service } from "../service.ts";

export function defaultService(svc: Service, old: Service | undefined): void {
  const spec = (svc.spec ??= {});
  spec.type ??= "ClusterIP";
  spec.sessionAffinity ??= "None";
  if (spec.sessionAffinity === "ClientIP") {
    const config = (spec.sessionAffinityConfig ??= {});
    const clientIP = (config.clientIP ??= {});
    clientIP.timeoutSeconds ??= 10800;
  }
  for (const port of spec.ports ?? []) {
    port.protocol ??= "TCP";
    port.targetPort ??= port.port;
  }
  if (old?.spec && spec.type !== "ExternalName" && old.spec.type !== "ExternalName") carryAllocated(svc, old);
  if (spec.clusterIP && !spec.clusterIPs) spec.clusterIPs = [spec.clusterIP];
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (spec.type === "ExternalName") return;
  spec.internalTrafficPolicy ??= "Cluster";
  spec.ipFamilyPolicy ??= "SingleStack";
  spec.ipFamilies ??= ["IPv4"];
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") spec.externalTrafficPolicy ??= "Cluster";
  if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
}

function carryAllocated(svc: Service, old: Service): void {
  const spec = svc.spec ?? {};
  const prev = old.spec ?? {};
  if (!spec.clusterIP && !spec.clusterIPs && prev.clusterIP) {
    spec.clusterIP = prev.clusterIP;
    if (prev.clusterIPs) spec.clusterIPs = [...prev.clusterIPs];
  }
  for (const port of spec.ports ?? []) {
    if (port.nodePort) continue;
    const match = (prev.ports ?? []).find((p) => p.port === port.port && (p.protocol ?? "TCP") === (port.protocol ?? "TCP"));
    if (match?.nodePort && spec.type !== "ClusterIP") port.nodePort = match.nodePort;
  }
}
