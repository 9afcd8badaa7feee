// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.networking.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const NETWORKING_V1: MessageTable = {
  "networking.v1.HTTPIngressPath": {
    1: ["path", "string"],
    2: ["backend", "networking.v1.IngressBackend"],
    3: ["pathType", "string", "k"],
  },
  "networking.v1.HTTPIngressRuleValue": {
    1: ["paths", "networking.v1.HTTPIngressPath", "r"],
  },
  "networking.v1.IPBlock": {
    1: ["cidr", "string", "k"],
    2: ["except", "string", "r"],
  },
  "networking.v1.Ingress": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "networking.v1.IngressSpec"],
    3: ["status", "networking.v1.IngressStatus"],
  },
  "networking.v1.IngressBackend": {
    3: ["resource", "core.v1.TypedLocalObjectReference"],
    4: ["service", "networking.v1.IngressServiceBackend"],
  },
  "networking.v1.IngressClass": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "networking.v1.IngressClassSpec"],
  },
  "networking.v1.IngressClassList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "networking.v1.IngressClass", "r"],
  },
  "networking.v1.IngressClassParametersReference": {
    1: ["apiGroup", "string", "k"],
    2: ["kind", "string", "k"],
    3: ["name", "string", "k"],
    4: ["scope", "string", "k"],
    5: ["namespace", "string", "k"],
  },
  "networking.v1.IngressClassSpec": {
    1: ["controller", "string"],
    2: ["parameters", "networking.v1.IngressClassParametersReference"],
  },
  "networking.v1.IngressList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "networking.v1.Ingress", "r"],
  },
  "networking.v1.IngressLoadBalancerIngress": {
    1: ["ip", "string"],
    2: ["hostname", "string"],
    4: ["ports", "networking.v1.IngressPortStatus", "r"],
  },
  "networking.v1.IngressLoadBalancerStatus": {
    1: ["ingress", "networking.v1.IngressLoadBalancerIngress", "r"],
  },
  "networking.v1.IngressPortStatus": {
    1: ["port", "int32", "k"],
    2: ["protocol", "string", "k"],
    3: ["error", "string", "k"],
  },
  "networking.v1.IngressRule": {
    1: ["host", "string"],
    2: ["", "networking.v1.IngressRuleValue", "i"],
  },
  "networking.v1.IngressRuleValue": {
    1: ["http", "networking.v1.HTTPIngressRuleValue"],
  },
  "networking.v1.IngressServiceBackend": {
    1: ["name", "string", "k"],
    2: ["port", "networking.v1.ServiceBackendPort"],
  },
  "networking.v1.IngressSpec": {
    1: ["defaultBackend", "networking.v1.IngressBackend"],
    2: ["tls", "networking.v1.IngressTLS", "r"],
    3: ["rules", "networking.v1.IngressRule", "r"],
    4: ["ingressClassName", "string", "k"],
  },
  "networking.v1.IngressStatus": {
    1: ["loadBalancer", "networking.v1.IngressLoadBalancerStatus"],
  },
  "networking.v1.IngressTLS": {
    1: ["hosts", "string", "r"],
    2: ["secretName", "string"],
  },
  "networking.v1.NetworkPolicy": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "networking.v1.NetworkPolicySpec"],
  },
  "networking.v1.NetworkPolicyEgressRule": {
    1: ["ports", "networking.v1.NetworkPolicyPort", "r"],
    2: ["to", "networking.v1.NetworkPolicyPeer", "r"],
  },
  "networking.v1.NetworkPolicyIngressRule": {
    1: ["ports", "networking.v1.NetworkPolicyPort", "r"],
    2: ["from", "networking.v1.NetworkPolicyPeer", "r"],
  },
  "networking.v1.NetworkPolicyList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "networking.v1.NetworkPolicy", "r"],
  },
  "networking.v1.NetworkPolicyPeer": {
    1: ["podSelector", "meta.v1.LabelSelector"],
    2: ["namespaceSelector", "meta.v1.LabelSelector"],
    3: ["ipBlock", "networking.v1.IPBlock"],
  },
  "networking.v1.NetworkPolicyPort": {
    1: ["protocol", "string", "k"],
    2: ["port", "IntOrString"],
    3: ["endPort", "int32", "k"],
  },
  "networking.v1.NetworkPolicySpec": {
    1: ["podSelector", "meta.v1.LabelSelector"],
    2: ["ingress", "networking.v1.NetworkPolicyIngressRule", "r"],
    3: ["egress", "networking.v1.NetworkPolicyEgressRule", "r"],
    4: ["policyTypes", "string", "r"],
  },
  "networking.v1.ServiceBackendPort": {
    1: ["name", "string"],
    2: ["number", "int32"],
  },
};
