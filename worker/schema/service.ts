// core/v1 Service.
import { z } from "zod";
import { conditionFields, IntOrString, typeMeta } from "./meta.ts";
import { PROTOCOLS } from "./container.ts";

const CORE = "io.k8s.api.core.v1";

export const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"] as const;

export const ServicePort = z
  .object({
    name: z.string().optional().describe("The name of this port within the service. Must be a DNS_LABEL."),
    protocol: z.enum(PROTOCOLS).optional().describe('The IP protocol for this port. Defaults to "TCP".'),
    appProtocol: z.string().optional(),
    port: z.int32().describe("The port that will be exposed by this service."),
    targetPort: IntOrString.optional().describe("Number or name of the port to access on the pods targeted by the service."),
    nodePort: z.int32().optional(),
  })
  .meta({ id: `${CORE}.ServicePort` });
export type ServicePortValue = z.infer<typeof ServicePort>;

export const ServiceSpec = z
  .object({
    ports: z
      .array(ServicePort)
      .meta({
        "x-kubernetes-list-map-keys": ["port", "protocol"],
        "x-kubernetes-list-type": "map",
        "x-kubernetes-patch-merge-key": "port",
        "x-kubernetes-patch-strategy": "merge",
      })
      .optional()
      .describe("The list of ports that are exposed by this service."),
    selector: z.record(z.string(), z.string()).optional().describe("Route service traffic to pods with label keys and values matching this selector."),
    clusterIP: z.string().optional(),
    clusterIPs: z.array(z.string()).optional(),
    type: z.enum(SERVICE_TYPES).optional().describe("ClusterIP, NodePort, LoadBalancer or ExternalName. Defaults to ClusterIP."),
    externalIPs: z.array(z.string()).optional(),
    sessionAffinity: z.enum(["ClientIP", "None"]).optional(),
    loadBalancerIP: z.string().optional(),
    loadBalancerSourceRanges: z.array(z.string()).optional(),
    externalName: z.string().optional(),
    externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional(),
    healthCheckNodePort: z.int32().optional(),
    publishNotReadyAddresses: z.boolean().optional(),
    sessionAffinityConfig: z
      .object({
        clientIP: z
          .object({ timeoutSeconds: z.int32().optional() })
          .meta({ id: `${CORE}.ClientIPConfig` })
          .optional(),
      })
      .meta({ id: `${CORE}.SessionAffinityConfig` })
      .optional(),
    ipFamilies: z.array(z.enum(["IPv4", "IPv6"])).optional(),
    ipFamilyPolicy: z.enum(["SingleStack", "PreferDualStack", "RequireDualStack"]).optional(),
    allocateLoadBalancerNodePorts: z.boolean().optional(),
    loadBalancerClass: z.string().optional(),
    internalTrafficPolicy: z.enum(["Cluster", "Local"]).optional(),
    trafficDistribution: z.string().optional(),
  })
  .meta({ id: `${CORE}.ServiceSpec` });
export type ServiceSpecValue = z.infer<typeof ServiceSpec>;

const PortStatus = z
  .object({ port: z.int32(), protocol: z.enum(PROTOCOLS), error: z.string().optional() })
  .meta({ id: `${CORE}.PortStatus` });

export const LoadBalancerStatus = z
  .object({
    ingress: z
      .array(
        z
          .object({
            ip: z.string().optional(),
            hostname: z.string().optional(),
            ipMode: z.string().optional(),
            ports: z.array(PortStatus).optional(),
          })
          .meta({ id: `${CORE}.LoadBalancerIngress` }),
      )
      .optional(),
  })
  .meta({ id: `${CORE}.LoadBalancerStatus` });

export const ServiceStatus = z
  .object({
    loadBalancer: LoadBalancerStatus.optional(),
    conditions: z
      .array(z.object({ ...conditionFields, observedGeneration: z.int().optional() }).meta({ id: "io.k8s.apimachinery.pkg.apis.meta.v1.Condition" }))
      .optional(),
  })
  .meta({ id: `${CORE}.ServiceStatus` });

export const Service = z
  .object({ ...typeMeta, spec: ServiceSpec.optional(), status: ServiceStatus.optional() })
  .meta({
    id: `${CORE}.Service`,
    description: "Service is a named abstraction of software service (for example, mysql) consisting of local port that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Service" }],
  });
export type Service = z.infer<typeof Service>;
