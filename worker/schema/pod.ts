// core/v1 Pod: spec, status, and the PodTemplateSpec workloads embed.
import { z } from "zod";
import {
  conditionFields,
  LocalObjectReference,
  MERGE_BY_NAME,
  MERGE_BY_TYPE,
  ObjectMeta,
  ResourceList,
  Time,
  typeMeta,
} from "./meta.ts";
import {
  AppArmorProfile,
  Container,
  EphemeralContainer,
  ResourceRequirements,
  SeccompProfile,
  SELinuxOptions,
  WindowsSecurityContextOptions,
} from "./container.ts";
import { Volume } from "./volume.ts";
import { Affinity, Toleration, TopologySpreadConstraint } from "./affinity.ts";

const CORE = "io.k8s.api.core.v1";

export const RESTART_POLICIES = ["Always", "OnFailure", "Never"] as const;
export const DNS_POLICIES = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"] as const;
export const POD_PHASES = ["Pending", "Running", "Succeeded", "Failed", "Unknown"] as const;

export const PodSecurityContext = z
  .object({
    seLinuxOptions: SELinuxOptions.optional(),
    windowsOptions: WindowsSecurityContextOptions.optional(),
    runAsUser: z.int().optional(),
    runAsGroup: z.int().optional(),
    runAsNonRoot: z.boolean().optional(),
    supplementalGroups: z.array(z.int()).optional(),
    supplementalGroupsPolicy: z.string().optional(),
    fsGroup: z.int().optional(),
    sysctls: z
      .array(z.object({ name: z.string(), value: z.string() }).meta({ id: `${CORE}.Sysctl` }))
      .optional(),
    fsGroupChangePolicy: z.string().optional(),
    seccompProfile: SeccompProfile.optional(),
    appArmorProfile: AppArmorProfile.optional(),
    seLinuxChangePolicy: z.string().optional(),
  })
  .meta({ id: `${CORE}.PodSecurityContext` });

export const PodDNSConfig = z
  .object({
    nameservers: z.array(z.string()).optional(),
    searches: z.array(z.string()).optional(),
    options: z
      .array(z.object({ name: z.string().optional(), value: z.string().optional() }).meta({ id: `${CORE}.PodDNSConfigOption` }))
      .optional(),
  })
  .meta({ id: `${CORE}.PodDNSConfig` });

export const HostAlias = z
  .object({ ip: z.string(), hostnames: z.array(z.string()).optional() })
  .meta({ id: `${CORE}.HostAlias` });

export const PodSpec = z
  .object({
    volumes: z
      .array(Volume)
      .meta({ "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge,retainKeys" })
      .optional()
      .describe("List of volumes that can be mounted by containers belonging to the pod."),
    initContainers: z
      .array(Container)
      .meta(MERGE_BY_NAME)
      .optional()
      .describe("List of initialization containers belonging to the pod."),
    containers: z
      .array(Container)
      .meta(MERGE_BY_NAME)
      .describe("List of containers belonging to the pod. There must be at least one container in a Pod."),
    ephemeralContainers: z.array(EphemeralContainer).meta(MERGE_BY_NAME).optional(),
    restartPolicy: z
      .enum(RESTART_POLICIES)
      .optional()
      .describe("Restart policy for all containers within the pod. One of Always, OnFailure, Never. Default to Always."),
    terminationGracePeriodSeconds: z.int().optional().describe("Optional duration in seconds the pod needs to terminate gracefully. Defaults to 30."),
    activeDeadlineSeconds: z.int().optional(),
    dnsPolicy: z.enum(DNS_POLICIES).optional().describe("Set DNS policy for the pod. Defaults to ClusterFirst."),
    nodeSelector: z.record(z.string(), z.string()).optional().describe("Selector which must match a node's labels for the pod to be scheduled on that node."),
    serviceAccountName: z.string().optional().describe("Name of the ServiceAccount to use to run this pod."),
    serviceAccount: z.string().optional().describe("Deprecated alias for serviceAccountName."),
    automountServiceAccountToken: z.boolean().optional(),
    nodeName: z.string().optional().describe("A request to schedule this pod onto a specific node."),
    hostNetwork: z.boolean().optional(),
    hostPID: z.boolean().optional(),
    hostIPC: z.boolean().optional(),
    shareProcessNamespace: z.boolean().optional(),
    securityContext: PodSecurityContext.optional(),
    imagePullSecrets: z.array(LocalObjectReference).meta(MERGE_BY_NAME).optional(),
    hostname: z.string().optional(),
    subdomain: z.string().optional(),
    affinity: Affinity.optional().describe("If specified, the pod's scheduling constraints."),
    schedulerName: z.string().optional(),
    tolerations: z.array(Toleration).optional().describe("If specified, the pod's tolerations."),
    hostAliases: z.array(HostAlias).meta({ "x-kubernetes-patch-merge-key": "ip", "x-kubernetes-patch-strategy": "merge" }).optional(),
    priorityClassName: z.string().optional(),
    priority: z.int32().optional(),
    dnsConfig: PodDNSConfig.optional(),
    readinessGates: z
      .array(z.object({ conditionType: z.string() }).meta({ id: `${CORE}.PodReadinessGate` }))
      .optional(),
    runtimeClassName: z.string().optional(),
    enableServiceLinks: z.boolean().optional(),
    preemptionPolicy: z.string().optional(),
    overhead: ResourceList.optional(),
    topologySpreadConstraints: z
      .array(TopologySpreadConstraint)
      .meta({
        "x-kubernetes-list-map-keys": ["topologyKey", "whenUnsatisfiable"],
        "x-kubernetes-list-type": "map",
        "x-kubernetes-patch-merge-key": "topologyKey",
        "x-kubernetes-patch-strategy": "merge",
      })
      .optional(),
    setHostnameAsFQDN: z.boolean().optional(),
    os: z.object({ name: z.string() }).meta({ id: `${CORE}.PodOS` }).optional(),
    hostUsers: z.boolean().optional(),
    schedulingGates: z
      .array(z.object({ name: z.string() }).meta({ id: `${CORE}.PodSchedulingGate` }))
      .meta(MERGE_BY_NAME)
      .optional(),
  })
  .meta({ id: `${CORE}.PodSpec`, description: "PodSpec is a description of a pod." });
export type PodSpecValue = z.infer<typeof PodSpec>;

export const ContainerState = z
  .object({
    waiting: z
      .object({ reason: z.string().optional(), message: z.string().optional() })
      .meta({ id: `${CORE}.ContainerStateWaiting` })
      .optional(),
    running: z.object({ startedAt: Time.optional() }).meta({ id: `${CORE}.ContainerStateRunning` }).optional(),
    terminated: z
      .object({
        exitCode: z.int32(),
        signal: z.int32().optional(),
        reason: z.string().optional(),
        message: z.string().optional(),
        startedAt: Time.optional(),
        finishedAt: Time.optional(),
        containerID: z.string().optional(),
      })
      .meta({ id: `${CORE}.ContainerStateTerminated` })
      .optional(),
  })
  .meta({ id: `${CORE}.ContainerState` });
export type ContainerStateValue = z.infer<typeof ContainerState>;

export const ContainerStatus = z
  .object({
    name: z.string(),
    state: ContainerState.optional(),
    lastState: ContainerState.optional(),
    ready: z.boolean(),
    restartCount: z.int32(),
    image: z.string(),
    imageID: z.string().optional(),
    containerID: z.string().optional(),
    started: z.boolean().optional(),
    allocatedResources: ResourceList.optional(),
    resources: ResourceRequirements.optional(),
    stopSignal: z.string().optional(),
  })
  .meta({ id: `${CORE}.ContainerStatus` });
export type ContainerStatusValue = z.infer<typeof ContainerStatus>;

export const PodCondition = z
  .object({ ...conditionFields, lastProbeTime: Time.optional(), observedGeneration: z.int().optional() })
  .meta({ id: `${CORE}.PodCondition` });
export type PodConditionValue = z.infer<typeof PodCondition>;

const PodIP = z.object({ ip: z.string() }).meta({ id: `${CORE}.PodIP` });
const HostIP = z.object({ ip: z.string() }).meta({ id: `${CORE}.HostIP` });
const MERGE_BY_IP = { "x-kubernetes-patch-merge-key": "ip", "x-kubernetes-patch-strategy": "merge" } as const;

export const PodStatus = z
  .object({
    observedGeneration: z.int().optional(),
    phase: z.enum(POD_PHASES).optional().describe("The phase of a Pod: Pending, Running, Succeeded, Failed or Unknown."),
    conditions: z.array(PodCondition).meta(MERGE_BY_TYPE).optional(),
    message: z.string().optional(),
    reason: z.string().optional(),
    nominatedNodeName: z.string().optional(),
    hostIP: z.string().optional(),
    hostIPs: z.array(HostIP).meta(MERGE_BY_IP).optional(),
    podIP: z.string().optional(),
    podIPs: z.array(PodIP).meta(MERGE_BY_IP).optional(),
    startTime: Time.optional(),
    initContainerStatuses: z.array(ContainerStatus).optional(),
    containerStatuses: z.array(ContainerStatus).optional(),
    ephemeralContainerStatuses: z.array(ContainerStatus).optional(),
    qosClass: z.enum(["BestEffort", "Burstable", "Guaranteed"]).optional(),
    resize: z.string().optional(),
  })
  .meta({ id: `${CORE}.PodStatus` });
export type PodStatusValue = z.infer<typeof PodStatus>;

export const Pod = z
  .object({
    ...typeMeta,
    spec: PodSpec.optional().describe("Specification of the desired behavior of the pod."),
    status: PodStatus.optional().describe("Most recently observed status of the pod."),
  })
  .meta({
    id: `${CORE}.Pod`,
    description: "Pod is a collection of containers that can run on a host.",
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Pod" }],
  });
export type Pod = z.infer<typeof Pod>;

export const PodTemplateSpec = z
  .object({
    metadata: ObjectMeta.optional(),
    spec: PodSpec.optional(),
  })
  .meta({ id: `${CORE}.PodTemplateSpec`, description: "PodTemplateSpec describes the data a pod should have when created from a template." });
export type PodTemplateSpecValue = z.infer<typeof PodTemplateSpec>;
