// core/v1 Container and the shapes it embeds (probes, env, ports, resources).
import { z } from "zod";
import { IntOrString, LocalObjectReference, MERGE_BY_NAME, Quantity, ResourceList } from "./meta.ts";

const CORE = "io.k8s.api.core.v1";

export const PROTOCOLS = ["SCTP", "TCP", "UDP"] as const;
export const PULL_POLICIES = ["Always", "IfNotPresent", "Never"] as const;

export const ContainerPort = z
  .object({
    name: z.string().optional().describe("An IANA_SVC_NAME, unique within the pod; referred to by services."),
    hostPort: z.int32().optional(),
    containerPort: z.int32().describe("Number of port to expose on the pod's IP address."),
    protocol: z.enum(PROTOCOLS).optional().describe('Protocol for port. Defaults to "TCP".'),
    hostIP: z.string().optional(),
  })
  .meta({ id: `${CORE}.ContainerPort` });

export const ObjectFieldSelector = z
  .object({ apiVersion: z.string().optional(), fieldPath: z.string() })
  .meta({ id: `${CORE}.ObjectFieldSelector` });

export const ResourceFieldSelector = z
  .object({ containerName: z.string().optional(), resource: z.string(), divisor: Quantity.optional() })
  .meta({ id: `${CORE}.ResourceFieldSelector` });

const keySelector = { name: z.string().optional(), key: z.string(), optional: z.boolean().optional() };
export const ConfigMapKeySelector = z.object(keySelector).meta({ id: `${CORE}.ConfigMapKeySelector` });
export const SecretKeySelector = z.object(keySelector).meta({ id: `${CORE}.SecretKeySelector` });

export const EnvVarSource = z
  .object({
    fieldRef: ObjectFieldSelector.optional(),
    resourceFieldRef: ResourceFieldSelector.optional(),
    configMapKeyRef: ConfigMapKeySelector.optional(),
    secretKeyRef: SecretKeySelector.optional(),
  })
  .meta({ id: `${CORE}.EnvVarSource` });

export const EnvVar = z
  .object({
    name: z.string().describe("Name of the environment variable."),
    value: z.string().optional(),
    valueFrom: EnvVarSource.optional().describe("Source for the environment variable's value."),
  })
  .meta({ id: `${CORE}.EnvVar` });

const optionalRef = { name: z.string().optional(), optional: z.boolean().optional() };
export const EnvFromSource = z
  .object({
    prefix: z.string().optional(),
    configMapRef: z.object(optionalRef).meta({ id: `${CORE}.ConfigMapEnvSource` }).optional(),
    secretRef: z.object(optionalRef).meta({ id: `${CORE}.SecretEnvSource` }).optional(),
  })
  .meta({ id: `${CORE}.EnvFromSource` });

export const ResourceRequirements = z
  .object({
    limits: ResourceList.optional().describe("Limits describes the maximum amount of compute resources allowed."),
    requests: ResourceList.optional().describe("Requests describes the minimum amount of compute resources required."),
    claims: z
      .array(z.object({ name: z.string(), request: z.string().optional() }).meta({ id: `${CORE}.ResourceClaim` }))
      .optional(),
  })
  .meta({ id: `${CORE}.ResourceRequirements` });

export const VolumeMount = z
  .object({
    name: z.string().describe("This must match the Name of a Volume."),
    readOnly: z.boolean().optional(),
    recursiveReadOnly: z.string().optional(),
    mountPath: z.string().describe("Path within the container at which the volume should be mounted."),
    subPath: z.string().optional(),
    mountPropagation: z.string().optional(),
    subPathExpr: z.string().optional(),
  })
  .meta({ id: `${CORE}.VolumeMount` });

export const VolumeDevice = z
  .object({ name: z.string(), devicePath: z.string() })
  .meta({ id: `${CORE}.VolumeDevice` });

export const ExecAction = z.object({ command: z.array(z.string()).optional() }).meta({ id: `${CORE}.ExecAction` });

export const HTTPGetAction = z
  .object({
    path: z.string().optional(),
    port: IntOrString.describe("Name or number of the port to access on the container."),
    host: z.string().optional(),
    scheme: z.enum(["HTTP", "HTTPS"]).optional(),
    httpHeaders: z
      .array(z.object({ name: z.string(), value: z.string() }).meta({ id: `${CORE}.HTTPHeader` }))
      .optional(),
  })
  .meta({ id: `${CORE}.HTTPGetAction` });

export const TCPSocketAction = z
  .object({ port: IntOrString, host: z.string().optional() })
  .meta({ id: `${CORE}.TCPSocketAction` });

export const GRPCAction = z
  .object({ port: z.int32(), service: z.string().optional() })
  .meta({ id: `${CORE}.GRPCAction` });

export const Probe = z
  .object({
    exec: ExecAction.optional(),
    httpGet: HTTPGetAction.optional(),
    tcpSocket: TCPSocketAction.optional(),
    grpc: GRPCAction.optional(),
    initialDelaySeconds: z.int32().optional(),
    timeoutSeconds: z.int32().optional().describe("Defaults to 1 second."),
    periodSeconds: z.int32().optional().describe("Defaults to 10 seconds."),
    successThreshold: z.int32().optional().describe("Defaults to 1. Must be 1 for liveness and startup."),
    failureThreshold: z.int32().optional().describe("Defaults to 3."),
    terminationGracePeriodSeconds: z.int().optional(),
  })
  .meta({ id: `${CORE}.Probe`, description: "Probe describes a health check to be performed against a container." });

export const LifecycleHandler = z
  .object({
    exec: ExecAction.optional(),
    httpGet: HTTPGetAction.optional(),
    tcpSocket: TCPSocketAction.optional(),
    sleep: z.object({ seconds: z.int() }).meta({ id: `${CORE}.SleepAction` }).optional(),
  })
  .meta({ id: `${CORE}.LifecycleHandler` });

export const Lifecycle = z
  .object({ postStart: LifecycleHandler.optional(), preStop: LifecycleHandler.optional(), stopSignal: z.string().optional() })
  .meta({ id: `${CORE}.Lifecycle` });

export const SELinuxOptions = z
  .object({ user: z.string().optional(), role: z.string().optional(), type: z.string().optional(), level: z.string().optional() })
  .meta({ id: `${CORE}.SELinuxOptions` });

export const SeccompProfile = z
  .object({ type: z.string(), localhostProfile: z.string().optional() })
  .meta({ id: `${CORE}.SeccompProfile` });

export const AppArmorProfile = z
  .object({ type: z.string(), localhostProfile: z.string().optional() })
  .meta({ id: `${CORE}.AppArmorProfile` });

export const WindowsSecurityContextOptions = z
  .object({
    gmsaCredentialSpecName: z.string().optional(),
    gmsaCredentialSpec: z.string().optional(),
    runAsUserName: z.string().optional(),
    hostProcess: z.boolean().optional(),
  })
  .meta({ id: `${CORE}.WindowsSecurityContextOptions` });

export const SecurityContext = z
  .object({
    capabilities: z
      .object({ add: z.array(z.string()).optional(), drop: z.array(z.string()).optional() })
      .meta({ id: `${CORE}.Capabilities` })
      .optional(),
    privileged: z.boolean().optional(),
    seLinuxOptions: SELinuxOptions.optional(),
    windowsOptions: WindowsSecurityContextOptions.optional(),
    runAsUser: z.int().optional(),
    runAsGroup: z.int().optional(),
    runAsNonRoot: z.boolean().optional(),
    readOnlyRootFilesystem: z.boolean().optional(),
    allowPrivilegeEscalation: z.boolean().optional(),
    procMount: z.string().optional(),
    seccompProfile: SeccompProfile.optional(),
    appArmorProfile: AppArmorProfile.optional(),
  })
  .meta({ id: `${CORE}.SecurityContext` });

export const containerFields = {
  name: z.string().describe("Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name."),
  image: z.string().optional().describe("Container image name."),
  command: z.array(z.string()).optional().describe("Entrypoint array. Not executed within a shell."),
  args: z.array(z.string()).optional().describe("Arguments to the entrypoint."),
  workingDir: z.string().optional(),
  ports: z
    .array(ContainerPort)
    .meta({
      "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
      "x-kubernetes-list-type": "map",
      "x-kubernetes-patch-merge-key": "containerPort",
      "x-kubernetes-patch-strategy": "merge",
    })
    .optional()
    .describe("List of ports to expose from the container."),
  envFrom: z.array(EnvFromSource).optional(),
  env: z.array(EnvVar).meta(MERGE_BY_NAME).optional().describe("List of environment variables to set in the container."),
  resources: ResourceRequirements.optional().describe("Compute Resources required by this container."),
  resizePolicy: z
    .array(z.object({ resourceName: z.string(), restartPolicy: z.string() }).meta({ id: `${CORE}.ContainerResizePolicy` }))
    .optional(),
  restartPolicy: z.enum(["Always"]).optional(),
  volumeMounts: z
    .array(VolumeMount)
    .meta({ "x-kubernetes-patch-merge-key": "mountPath", "x-kubernetes-patch-strategy": "merge" })
    .optional()
    .describe("Pod volumes to mount into the container's filesystem."),
  volumeDevices: z
    .array(VolumeDevice)
    .meta({ "x-kubernetes-patch-merge-key": "devicePath", "x-kubernetes-patch-strategy": "merge" })
    .optional(),
  livenessProbe: Probe.optional().describe("Periodic probe of container liveness; the container is restarted if it fails."),
  readinessProbe: Probe.optional().describe("Periodic probe of container service readiness."),
  startupProbe: Probe.optional().describe("StartupProbe indicates that the Pod has successfully initialized."),
  lifecycle: Lifecycle.optional(),
  terminationMessagePath: z.string().optional(),
  terminationMessagePolicy: z.enum(["File", "FallbackToLogsOnError"]).optional(),
  imagePullPolicy: z.enum(PULL_POLICIES).optional().describe("Image pull policy. One of Always, Never, IfNotPresent."),
  securityContext: SecurityContext.optional(),
  stdin: z.boolean().optional(),
  stdinOnce: z.boolean().optional(),
  tty: z.boolean().optional(),
};

export const Container = z
  .object(containerFields)
  .meta({ id: `${CORE}.Container`, description: "A single application container that you want to run within a pod." });
export type ContainerValue = z.infer<typeof Container>;

export const EphemeralContainer = z
  .object({ ...containerFields, targetContainerName: z.string().optional() })
  .meta({ id: `${CORE}.EphemeralContainer` });

export const ImagePullSecret = LocalObjectReference;
