// SetDefaults_PodSpec, SetDefaults_Container, probes and volumes, plus what the
// ServiceAccount, Priority and DefaultTolerationSeconds admission plugins add
// to new Pods.
import type { ContainerValue } from "../container.ts";
import type { Pod, PodSpecValue } from "../pod.ts";
import type { VolumeValue } from "../volume.ts";
import { VOLUME_SOURCE_NAMES } from "../volume.ts";
import { podQOSClass } from "./qos.ts";

type Probe = NonNullable<ContainerValue["livenessProbe"]>;
type HTTPGet = NonNullable<Probe["httpGet"]>;

function defaultHTTPGet(h: HTTPGet | undefined): void {
  if (!h) return;
  h.path ??= "/";
  h.scheme ??= "HTTP";
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  defaultHTTPGet(p.httpGet);
}

/** `Always` for `:latest` or untagged images, as Kubernetes defaults it. */
export function defaultPullPolicy(image: string | undefined): "Always" | "IfNotPresent" {
  if (!image || image.includes("@")) return "IfNotPresent";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  const tag = colon === -1 ? "" : lastSegment.slice(colon + 1);
  return tag === "" || tag === "latest" ? "Always" : "IfNotPresent";
}

function defaultContainer(c: ContainerValue, hostNetwork: boolean): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  for (const port of c.ports ?? []) {
    port.protocol ??= "TCP";
    if (hostNetwork) port.hostPort ??= port.containerPort;
  }
  for (const ev of c.env ?? []) {
    const ref = ev.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ??= "v1";
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHTTPGet(c.lifecycle?.postStart?.httpGet);
  defaultHTTPGet(c.lifecycle?.preStop?.httpGet);
}

const DEFAULT_MODE = 0o644;

function defaultVolume(v: VolumeValue): void {
  if (VOLUME_SOURCE_NAMES.every((s) => v[s] === undefined)) v.emptyDir = {};
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_MODE;
  if (v.secret) v.secret.defaultMode ??= DEFAULT_MODE;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= DEFAULT_MODE;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ??= "v1";
  }
  if (v.projected) {
    v.projected.defaultMode ??= DEFAULT_MODE;
    for (const source of v.projected.sources ?? []) {
      for (const item of source.downwardAPI?.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ??= "v1";
      if (source.serviceAccountToken) source.serviceAccountToken.expirationSeconds ??= 3600;
    }
  }
  if (v.hostPath) v.hostPath.type ??= "";
}

/** Defaults shared by Pods and pod templates. */
export function defaultPodSpec(spec: PodSpecValue): void {
  spec.restartPolicy ??= "Always";
  spec.dnsPolicy ??= "ClusterFirst";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  if (spec.serviceAccount && !spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  const hostNetwork = spec.hostNetwork ?? false;
  for (const c of spec.initContainers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.containers) defaultContainer(c, hostNetwork);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** Requests default to limits for resources that have only a limit (SetDefaults_Pod). */
function defaultRequestsFromLimits(c: ContainerValue): void {
  const limits = c.resources?.limits;
  if (!c.resources || !limits || Object.keys(limits).length === 0) return;
  const requests = (c.resources.requests ??= {});
  for (const [name, q] of Object.entries(limits)) requests[name] ??= q;
}

const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";

/** DefaultTolerationSeconds: evict from a NotReady/unreachable node after 300s. */
function addDefaultTolerations(spec: PodSpecValue): void {
  const tolerations = (spec.tolerations ??= []);
  for (const key of [NOT_READY, UNREACHABLE]) {
    const covered = tolerations.some(
      (t) => (t.key === key || (!t.key && t.operator === "Exists")) && (!t.effect || t.effect === "NoExecute"),
    );
    if (!covered) tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
  }
}

export function defaultPod(pod: Pod, creating: boolean): void {
  const spec = pod.spec;
  if (!spec) return;
  defaultPodSpec(spec);
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) defaultRequestsFromLimits(c);
  if (!creating) return;
  spec.serviceAccountName ??= "default";
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.priority ??= 0;
  spec.preemptionPolicy ??= "PreemptLowerPriority";
  addDefaultTolerations(spec);
  const status = (pod.status ??= {});
  status.phase ??= "Pending";
  status.qosClass ??= podQOSClass(spec);
}
