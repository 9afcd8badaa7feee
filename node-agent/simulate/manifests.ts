// The objects a hollow node writes: its Node (Ready, with allocatable sized
// like a generous real machine), its Lease, and the Running/Ready status of
// its pods. TEST TOOL: nothing here reflects a real host.
import type { Lease, Node, Pod, PodStatus } from "../../worker/schema/kinds.ts";
import { rfc3339, rfc3339Micro } from "../util/time.ts";

export const SIMULATED_LABEL = "kubeflare.dev/simulated";

export interface HollowCapacity {
  cpu: string;
  memory: string;
  pods: number;
}

export function hollowNode(name: string, capacity: HollowCapacity, now: Date): Node {
  const resources = { cpu: capacity.cpu, memory: capacity.memory, pods: String(capacity.pods) };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type, status, reason, message, lastHeartbeatTime: rfc3339(now), lastTransitionTime: rfc3339(now),
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", [SIMULATED_LABEL]: "true" },
    },
    spec: {},
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        condition("Ready", "True", "KubeletReady", "simulated node (kubeflare-agent --simulate) is posting ready status"),
      ],
      addresses: [{ type: "InternalIP", address: "127.0.0.1" }, { type: "Hostname", address: name }],
      nodeInfo: {
        machineID: "", systemUUID: "", bootID: "", kernelVersion: "simulated", osImage: "Kubeflare hollow node",
        containerRuntimeVersion: "simulated://1", kubeletVersion: "v1.32.4-kubeflare-simulated", kubeProxyVersion: "v1.32.4-kubeflare-simulated",
        operatingSystem: "linux", architecture: "amd64",
      },
    },
  };
}

export function hollowLease(name: string, nodeUid: string | undefined, now: Date): Lease {
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name,
      namespace: "kube-node-lease",
      ...(nodeUid ? { ownerReferences: [{ apiVersion: "v1", kind: "Node", name, uid: nodeUid }] } : {}),
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(now) },
  };
}

/** The status a kubelet would report once every container runs and is ready. */
export function runningStatus(pod: Pod, podIP: string, hostIP: string, now: Date): PodStatus {
  const at = rfc3339(now);
  const condition = (type: string) => ({ type, status: "True", lastTransitionTime: at });
  const uid = pod.metadata.uid ?? "";
  return {
    phase: "Running",
    conditions: [condition("PodReadyToStartContainers"), condition("Initialized"), condition("Ready"), condition("ContainersReady")],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: at,
    containerStatuses: (pod.spec?.containers ?? []).map((container) => ({
      name: container.name,
      image: container.image ?? "",
      imageID: `simulated://${container.image ?? ""}`,
      containerID: `simulated://${uid}-${container.name}`,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: at } },
    })),
  };
}
