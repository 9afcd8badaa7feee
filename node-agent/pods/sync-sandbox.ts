// Keeping the pod's sandbox running. A dead sandbox takes the pod's network
// namespace with it, so its containers are stopped and a new sandbox is
// created (unless restartPolicy Never and containers already ran: then the
// pod is left to fail, as kubelet does).
import { sandboxNetworkFor } from "../network/registry.ts";
import type { ContainerDetails, SandboxSpec } from "../runtime/runtime.ts";
import type { PodObservation } from "./observation.ts";
import { sandboxSpec } from "./sandbox-spec.ts";
import type { PodSyncContext } from "./sync-context.ts";

const SANDBOX_KEY = "sandbox";

export interface SandboxResult {
  sandbox?: ContainerDetails;
  /** A new sandbox was created in this sync. */
  created: boolean;
}

/** The node's pod network and cluster DNS, when the agent runs one (node-agent/network). */
function withNodeNetwork(spec: SandboxSpec, ctx: PodSyncContext): SandboxSpec {
  const network = sandboxNetworkFor(ctx.deps.node.nodeName);
  if (!network) return spec;
  return { ...spec, network: spec.hostNetwork ? undefined : network.networkName, dns: network.dnsFor(ctx.pod) };
}

export async function ensureSandbox(ctx: PodSyncContext, obs: PodObservation): Promise<SandboxResult> {
  const { deps, pod } = ctx;
  const hostNetwork = pod.spec?.hostNetwork ?? false;
  const latest = obs.sandboxes[0];
  if (latest?.phase === "running") {
    ctx.podIP = hostNetwork ? deps.node.hostIP() : (latest.ip ?? "");
    return { sandbox: latest, created: false };
  }
  const ranBefore = [...obs.containers.values()].some((list) => list.length > 0);
  if (latest && (pod.spec?.restartPolicy ?? "Always") === "Never" && ranBefore) return { created: false };

  const wait = latest ? ctx.backoff.remainingMs(SANDBOX_KEY, latest.finishedAt?.getTime() ?? Date.now()) : 0;
  if (wait > 0) {
    ctx.schedule(wait);
    return { created: false };
  }
  if (latest) {
    deps.events.pod(pod, "Normal", "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
    ctx.log.info("sandbox is gone; stopping the pod's containers and creating a new one");
    ctx.backoff.next(SANDBOX_KEY);
    const running = [...obs.containers.values()].flat().filter((c) => c.phase === "running");
    await Promise.all(running.map((c) => deps.runtime.stopContainer(c.id, deps.timing.minGraceMs)));
    for (const old of obs.sandboxes) await deps.runtime.removeContainer(old.id);
  }
  const attempt = latest ? latest.attempt + 1 : 0;
  let id: string;
  try {
    id = await deps.runtime.runSandbox(withNodeNetwork(sandboxSpec(pod, attempt), ctx));
  } catch (error) {
    const message = `Failed to create pod sandbox: ${(error as Error).message}`;
    deps.events.pod(pod, "Warning", "FailedCreatePodSandBox", message);
    ctx.log.warn(message);
    ctx.backoff.next(SANDBOX_KEY);
    ctx.schedule(ctx.backoff.currentMs(SANDBOX_KEY));
    return { created: false };
  }
  const sandbox = await deps.runtime.inspectContainer(id);
  if (!sandbox || sandbox.phase !== "running") {
    deps.events.pod(pod, "Warning", "FailedCreatePodSandBox", `Failed to create pod sandbox: it exited right after starting (${sandbox?.error ?? "no error given"})`);
    ctx.schedule(1000);
    return { created: true };
  }
  ctx.podIP = hostNetwork ? deps.node.hostIP() : (sandbox.ip ?? "");
  return { sandbox, created: true };
}
