// The ConfigMaps, Secrets and ServiceAccount a pod uses. The node authorizer
// grants a node exactly these, and the node agent fetches exactly these.

export interface PodReferences {
  configMaps: Set<string>;
  secrets: Set<string>;
  serviceAccounts: Set<string>;
}

interface NamedRef {
  name?: string;
}

interface ContainerLike {
  env?: { valueFrom?: { configMapKeyRef?: NamedRef; secretKeyRef?: NamedRef } }[];
  envFrom?: { configMapRef?: NamedRef; secretRef?: NamedRef }[];
}

interface ProjectionLike {
  configMap?: NamedRef;
  secret?: NamedRef;
}

interface PodSpecLike {
  serviceAccountName?: string;
  imagePullSecrets?: NamedRef[];
  volumes?: { configMap?: NamedRef; secret?: { secretName?: string }; projected?: { sources?: ProjectionLike[] } }[];
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  ephemeralContainers?: ContainerLike[];
}

export function podReferences(spec: unknown): PodReferences {
  const refs: PodReferences = { configMaps: new Set(), secrets: new Set(), serviceAccounts: new Set() };
  const s = (spec ?? {}) as PodSpecLike;
  const add = (set: Set<string>, name: string | undefined) => {
    if (name) set.add(name);
  };
  add(refs.serviceAccounts, s.serviceAccountName);
  for (const pull of s.imagePullSecrets ?? []) add(refs.secrets, pull.name);
  for (const volume of s.volumes ?? []) {
    add(refs.configMaps, volume.configMap?.name);
    add(refs.secrets, volume.secret?.secretName);
    for (const source of volume.projected?.sources ?? []) {
      add(refs.configMaps, source.configMap?.name);
      add(refs.secrets, source.secret?.name);
    }
  }
  for (const container of [...(s.containers ?? []), ...(s.initContainers ?? []), ...(s.ephemeralContainers ?? [])]) {
    for (const env of container.env ?? []) {
      add(refs.configMaps, env.valueFrom?.configMapKeyRef?.name);
      add(refs.secrets, env.valueFrom?.secretKeyRef?.name);
    }
    for (const from of container.envFrom ?? []) {
      add(refs.configMaps, from.configMapRef?.name);
      add(refs.secrets, from.secretRef?.name);
    }
  }
  return refs;
}
