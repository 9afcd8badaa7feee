// Cluster DNS answers from the node's view of Services and Endpoints, in the
// shape kube-dns/CoreDNS give them: Service names, headless backends, pod
// names from dashed IPs, SRV for named ports, ExternalName as CNAME, and
// NXDOMAIN for any other name under the cluster domain. Names outside it are
// for the upstream resolvers.
import type { Answer, Question, SrvAnswer, StringAnswer } from "dns-packet";
import type { Endpoints, Service } from "../../../worker/schema/kinds.ts";
import { isIPv4 } from "../cidr.ts";

/** Short, as kube-dns and CoreDNS use: answers follow the cluster closely. */
export const TTL = 5;

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export interface ClusterView {
  services: ReadonlyMap<string, Service>;
  endpoints: ReadonlyMap<string, Endpoints>;
}

export type Resolution =
  | { kind: "answer"; rcode: number; answers: Answer[]; additionals: Answer[]; authorities: Answer[] }
  | { kind: "forward" };

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

function soa(domain: string): Answer {
  return {
    type: "SOA",
    name: domain,
    ttl: TTL,
    data: { mname: `ns.dns.${domain}`, rname: `hostmaster.${domain}`, serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: TTL },
  };
}

function a(name: string, ip: string): StringAnswer {
  return { type: "A", name, ttl: TTL, class: "IN", data: ip };
}

interface ReadyAddress {
  ip: string;
  hostname?: string;
}

function readyAddresses(endpoints: Endpoints | undefined): ReadyAddress[] {
  const seen = new Map<string, ReadyAddress>();
  for (const subset of endpoints?.subsets ?? []) {
    for (const address of subset.addresses ?? []) {
      if (isIPv4(address.ip) && !seen.has(address.ip)) seen.set(address.ip, { ip: address.ip, hostname: address.hostname });
    }
  }
  return [...seen.values()];
}

function isHeadless(service: Service): boolean {
  return !service.spec?.clusterIP || service.spec.clusterIP === "None";
}

export function resolveCluster(question: Question, view: ClusterView, domain: string): Resolution {
  const name = normalize(question.name);
  const zone = normalize(domain);
  if (name !== zone && !name.endsWith(`.${zone}`)) return { kind: "forward" };
  const result = (rcode: number, answers: Answer[] = [], additionals: Answer[] = []): Resolution => ({
    kind: "answer",
    rcode,
    answers,
    additionals,
    // Negative answers carry the zone's SOA so resolvers cache them briefly.
    authorities: answers.length === 0 ? [soa(zone)] : [],
  });
  const nxdomain = result(RCODE.NXDOMAIN);
  const labels = name === zone ? [] : name.slice(0, -(zone.length + 1)).split(".");
  const type = question.type;

  if (labels.length === 0) return type === "SOA" ? { kind: "answer", rcode: 0, answers: [soa(zone)], additionals: [], authorities: [] } : result(RCODE.NOERROR);

  const kindLabel = labels[labels.length - 1];
  if (kindLabel === "pod") {
    // <a-b-c-d>.<namespace>.pod.<zone>
    if (labels.length !== 3) return labels.length < 3 ? result(RCODE.NOERROR) : nxdomain;
    const ip = labels[0].replace(/-/g, ".");
    if (!isIPv4(ip)) return nxdomain;
    return type === "A" ? result(RCODE.NOERROR, [a(name, ip)]) : result(RCODE.NOERROR);
  }
  if (kindLabel !== "svc") return nxdomain;
  // "svc.<zone>" and "<namespace>.svc.<zone>" exist as names but hold no records.
  if (labels.length <= 2) return result(RCODE.NOERROR);

  const namespace = labels[labels.length - 2];
  const serviceName = labels[labels.length - 3];
  const service = view.services.get(`${namespace}/${serviceName}`);
  if (!service) return nxdomain;
  const serviceFqdn = `${serviceName}.${namespace}.svc.${zone}`;
  const endpoints = view.endpoints.get(`${namespace}/${serviceName}`);

  if (labels.length === 3) {
    if (service.spec?.type === "ExternalName") {
      const target = normalize(service.spec.externalName ?? "");
      if (!target) return nxdomain;
      return result(RCODE.NOERROR, [{ type: "CNAME", name, ttl: TTL, class: "IN", data: target }]);
    }
    if (type !== "A") return result(RCODE.NOERROR);
    if (!isHeadless(service)) return result(RCODE.NOERROR, [a(name, service.spec?.clusterIP ?? "")]);
    return result(RCODE.NOERROR, readyAddresses(endpoints).map((address) => a(name, address.ip)));
  }

  if (labels.length === 4) {
    // <hostname>.<service>: a headless backend by its hostname (StatefulSet style).
    const address = readyAddresses(endpoints).find((x) => x.hostname === labels[0] || x.ip.replace(/\./g, "-") === labels[0]);
    if (!address || !isHeadless(service)) return nxdomain;
    return type === "A" ? result(RCODE.NOERROR, [a(name, address.ip)]) : result(RCODE.NOERROR);
  }

  if (labels.length === 5 && labels[0].startsWith("_") && labels[1].startsWith("_")) {
    // _<port-name>._<protocol>.<service>: SRV for a named port.
    const portName = labels[0].slice(1);
    const protocol = labels[1].slice(1).toUpperCase();
    const port = (service.spec?.ports ?? []).find((p) => p.name === portName && (p.protocol ?? "TCP") === protocol);
    if (!port) return nxdomain;
    if (type !== "SRV") return result(RCODE.NOERROR);
    if (!isHeadless(service)) {
      const srv: SrvAnswer = { type: "SRV", name, ttl: TTL, class: "IN", data: { priority: 0, weight: 100, port: port.port, target: serviceFqdn } };
      return result(RCODE.NOERROR, [srv], [a(serviceFqdn, service.spec?.clusterIP ?? "")]);
    }
    const endpointPort = (endpoints?.subsets ?? []).flatMap((s) => s.ports ?? []).find((p) => p.name === portName);
    const addresses = readyAddresses(endpoints);
    const answers: Answer[] = [];
    const additionals: Answer[] = [];
    for (const address of addresses) {
      const target = `${address.hostname ?? address.ip.replace(/\./g, "-")}.${serviceFqdn}`;
      answers.push({ type: "SRV", name, ttl: TTL, class: "IN", data: { priority: 0, weight: Math.floor(100 / addresses.length), port: endpointPort?.port ?? port.port, target } });
      additionals.push(a(target, address.ip));
    }
    return result(RCODE.NOERROR, answers, additionals);
  }
  return nxdomain;
}
