// core/v1 Node.
import { z } from "zod";
import { conditionFields, MERGE_BY_TYPE, ResourceList, Time, typeMeta } from "./meta.ts";
import { Taint } from "./affinity.ts";

const CORE = "io.k8s.api.core.v1";

export const NodeSpec = z
  .object({
    podCIDR: z.string().optional(),
    podCIDRs: z.array(z.string()).meta({ "x-kubernetes-patch-strategy": "merge" }).optional(),
    providerID: z.string().optional(),
    unschedulable: z.boolean().optional().describe("Unschedulable controls node schedulability of new pods."),
    taints: z.array(Taint).optional().describe("If specified, the node's taints."),
    externalID: z.string().optional(),
  })
  .meta({ id: `${CORE}.NodeSpec` });

export const NodeCondition = z
  .object({ ...conditionFields, lastHeartbeatTime: Time.optional() })
  .meta({ id: `${CORE}.NodeCondition` });
export type NodeConditionValue = z.infer<typeof NodeCondition>;

export const NodeAddress = z
  .object({ type: z.string().describe("Hostname, ExternalIP or InternalIP."), address: z.string() })
  .meta({ id: `${CORE}.NodeAddress` });

export const NodeSystemInfo = z
  .object({
    machineID: z.string().optional(),
    systemUUID: z.string().optional(),
    bootID: z.string().optional(),
    kernelVersion: z.string().optional(),
    osImage: z.string().optional(),
    containerRuntimeVersion: z.string().optional(),
    kubeletVersion: z.string().optional(),
    kubeProxyVersion: z.string().optional(),
    operatingSystem: z.string().optional(),
    architecture: z.string().optional(),
  })
  .meta({ id: `${CORE}.NodeSystemInfo` });

export const NodeStatus = z
  .object({
    capacity: ResourceList.optional().describe("Capacity represents the total resources of a node."),
    allocatable: ResourceList.optional().describe("Allocatable represents the resources of a node that are available for scheduling."),
    phase: z.string().optional(),
    conditions: z.array(NodeCondition).meta(MERGE_BY_TYPE).optional(),
    addresses: z
      .array(NodeAddress)
      .meta({ "x-kubernetes-patch-merge-key": "type", "x-kubernetes-patch-strategy": "merge" })
      .optional(),
    daemonEndpoints: z
      .object({
        kubeletEndpoint: z.object({ Port: z.int32() }).meta({ id: `${CORE}.DaemonEndpoint` }).optional(),
      })
      .meta({ id: `${CORE}.NodeDaemonEndpoints` })
      .optional(),
    nodeInfo: NodeSystemInfo.optional(),
    images: z
      .array(
        z
          .object({ names: z.array(z.string()).optional(), sizeBytes: z.int().optional() })
          .meta({ id: `${CORE}.ContainerImage` }),
      )
      .optional(),
    volumesInUse: z.array(z.string()).optional(),
    volumesAttached: z
      .array(z.object({ name: z.string(), devicePath: z.string() }).meta({ id: `${CORE}.AttachedVolume` }))
      .optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    runtimeHandlers: z.array(z.record(z.string(), z.unknown())).optional(),
    features: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: `${CORE}.NodeStatus` });
export type NodeStatusValue = z.infer<typeof NodeStatus>;

export const Node = z
  .object({ ...typeMeta, spec: NodeSpec.optional(), status: NodeStatus.optional() })
  .meta({
    id: `${CORE}.Node`,
    description: "Node is a worker node in Kubernetes.",
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Node" }],
  });
export type Node = z.infer<typeof Node>;
