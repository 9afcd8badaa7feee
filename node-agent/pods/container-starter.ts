// Starting one container instance the way kubelet's startContainer does:
// image per pull policy, then config (env, mounts, security), create, start,
// and the postStart hook, which must succeed before the container counts as
// running. Each failure maps to the waiting reason kubectl shows.
import type { Container, Pod, Secret } from "../../worker/schema/kinds.ts";
import type { ContainerDetails, ContainerSpec } from "../runtime/runtime.ts";
import { podQOSClass } from "../../worker/schema/defaults/qos.ts";
import { VolumeError } from "../volumes/projections.ts";
import type { PodVolumes } from "../volumes/pod-volumes.ts";
import { containerHash } from "./container-hash.ts";
import type { Waiting } from "./container-status.ts";
import type { PodWorkerDeps } from "./deps.ts";
import { envList, resolveEnv } from "./env.ts";
import { containerFieldPath } from "./event-sink.ts";
import { expandVars } from "./expand.ts";
import { ConfigError } from "./field-ref.ts";
import type { PodRuntimeFacts } from "./field-ref.ts";
import { runHook } from "./hooks.ts";
import { podIdentity } from "./pod-identity.ts";
import { registryAuths } from "./registry-auth.ts";
import { containerResources } from "./resources.ts";
import { gracePeriodSeconds } from "./sandbox-spec.ts";
import { containerSecurity } from "./security.ts";
import { serviceEnv } from "./service-env.ts";

export type StartOutcome =
  | { started: true; id: string }
  /** Not started: report `waiting`, and try again after `retryInMs` (or at the next resync). */
  | { started: false; waiting?: Waiting; retryInMs?: number; id?: string };

export interface StartRequest {
  pod: Pod;
  container: Container;
  role: "init" | "app";
  attempt: number;
  sandbox: ContainerDetails;
  podIP: string;
  volumes: PodVolumes;
}

async function pullSecrets(deps: PodWorkerDeps, pod: Pod): Promise<Secret[]> {
  const namespace = pod.metadata.namespace ?? "default";
  const secrets: Secret[] = [];
  for (const ref of pod.spec?.imagePullSecrets ?? []) {
    if (!ref.name) continue;
    // A missing pull secret is not fatal: kubelet pulls anonymously and warns.
    const secret = await deps.objects.secret(namespace, ref.name).catch(() => undefined);
    if (secret) secrets.push(secret);
  }
  return secrets;
}

export async function startContainer(deps: PodWorkerDeps, req: StartRequest): Promise<StartOutcome> {
  const { pod, container, sandbox, volumes } = req;
  const fieldPath = containerFieldPath(pod, container.name);
  const report = (type: "Normal" | "Warning", reason: string, message: string) => deps.events.pod(pod, type, reason, message, fieldPath);

  const image = await deps.images.ensure(container, registryAuths(container.image ?? "", await pullSecrets(deps, pod)), report);
  if (!image.ok) return { started: false, waiting: { reason: image.reason, message: image.message }, retryInMs: image.retryInMs };

  let spec: ContainerSpec;
  try {
    const facts: PodRuntimeFacts = { podIP: req.podIP, hostIP: deps.node.hostIP(), allocatable: deps.node.allocatable };
    const env = await resolveEnv(pod, container, deps.objects, facts, serviceEnv(pod, deps.services?.() ?? []));
    if (env.skipped.length > 0) {
      report("Warning", "InvalidEnvironmentVariableNames", `Keys [${env.skipped.join(", ")}] from the EnvFrom were skipped since they are considered invalid environment variable names.`);
    }
    const lookup = (name: string) => env.vars.get(name);
    const security = containerSecurity(pod, container, image.image.user, { allowPrivileged: deps.node.allowPrivileged, nodeName: deps.node.nodeName });
    const mounts = await volumes.mountsFor(container, req.attempt, env.vars);
    spec = {
      pod: podIdentity(pod),
      sandboxId: sandbox.id,
      role: req.role,
      name: container.name,
      attempt: req.attempt,
      hash: containerHash(container),
      image: container.image ?? "",
      command: container.command?.map((a) => expandVars(a, lookup)),
      args: container.args?.map((a) => expandVars(a, lookup)),
      workingDir: container.workingDir,
      env: envList(env.vars),
      mounts,
      resources: containerResources(container, pod.spec ? podQOSClass(pod.spec) : "BestEffort", deps.node.memoryCapacity),
      security,
      stopSignal: container.lifecycle?.stopSignal,
      tty: container.tty ?? false,
      stdin: container.stdin ?? false,
      stdinOnce: container.stdinOnce ?? false,
      shareProcessNamespace: pod.spec?.shareProcessNamespace ?? false,
      gracePeriodSeconds: gracePeriodSeconds(pod),
    };
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof VolumeError)) throw error;
    report("Warning", "Failed", `Error: ${error.message}`);
    return { started: false, waiting: { reason: "CreateContainerConfigError", message: error.message } };
  }

  let id: string;
  try {
    id = await deps.runtime.createContainer(spec);
  } catch (error) {
    const message = (error as Error).message;
    report("Warning", "Failed", `Error: ${message}`);
    return { started: false, waiting: { reason: "CreateContainerError", message } };
  }
  report("Normal", "Created", `Created container ${container.name}`);
  try {
    await deps.runtime.startContainer(id);
  } catch (error) {
    // The container now holds the failure (exit code, error) and is restarted with back-off.
    report("Warning", "Failed", `Error: failed to start container "${container.name}": ${(error as Error).message}`);
    return { started: false, id };
  }
  report("Normal", "Started", `Started container ${container.name}`);

  const postStart = container.lifecycle?.postStart;
  if (postStart) {
    const target = { runtime: deps.runtime, containerId: id, container, podIP: req.podIP };
    const failure = await runHook(postStart, target, gracePeriodSeconds(pod) * 1000);
    if (failure) {
      report("Warning", "FailedPostStartHook", `PostStartHook failed: ${failure}`);
      await deps.runtime.stopContainer(id, deps.timing.minGraceMs);
      return { started: false, id };
    }
  }
  return { started: true, id };
}
