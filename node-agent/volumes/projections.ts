// The files of configMap, secret, downwardAPI and projected volumes: which
// keys become which paths, with which modes, as kubelet lays them out.
import type { ConfigMap, Pod, Secret, Volume } from "../../worker/schema/kinds.ts";
import { fieldRefValue, resourceFieldValue } from "../pods/field-ref.ts";
import type { PodRuntimeFacts } from "../pods/field-ref.ts";
import type { ObjectSource } from "../pods/object-source.ts";
import type { VolumeFile } from "./atomic-writer.ts";

export class VolumeError extends Error {}

const DEFAULT_MODE = 0o644;

interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

type DownwardItems = NonNullable<NonNullable<Volume["downwardAPI"]>["items"]>;

function keyFiles(
  what: string,
  data: Map<string, Buffer>,
  items: KeyToPath[] | undefined,
  mode: number,
  optional: boolean,
  out: Map<string, VolumeFile>,
): void {
  if (!items || items.length === 0) {
    for (const [key, value] of data) out.set(key, { data: value, mode });
    return;
  }
  for (const item of items) {
    const value = data.get(item.key);
    if (value === undefined) {
      if (optional) continue;
      throw new VolumeError(`${what} references non-existent key: ${item.key}`);
    }
    out.set(item.path, { data: value, mode: item.mode ?? mode });
  }
}

function configMapData(cm: ConfigMap): Map<string, Buffer> {
  const data = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm.data ?? {})) data.set(k, Buffer.from(v, "utf8"));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) data.set(k, Buffer.from(v, "base64"));
  return data;
}

function secretData(secret: Secret): Map<string, Buffer> {
  return new Map(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64")]));
}

function downwardFiles(pod: Pod, items: DownwardItems, mode: number, facts: PodRuntimeFacts, out: Map<string, VolumeFile>): void {
  for (const item of items) {
    let value: string;
    if (item.fieldRef) value = fieldRefValue(pod, item.fieldRef.fieldPath, facts);
    else if (item.resourceFieldRef) value = resourceFieldValue(pod, item.resourceFieldRef, undefined, facts);
    else continue;
    out.set(item.path, { data: Buffer.from(value, "utf8"), mode: item.mode ?? mode });
  }
}

export interface ProjectionNotes {
  /** Parts kubelet would fill that this node cannot (service account tokens). */
  unsupported: string[];
}

/** The files of a configMap/secret/downwardAPI/projected volume; undefined for other kinds. */
export async function projectedFiles(
  pod: Pod,
  volume: Volume,
  objects: ObjectSource,
  facts: PodRuntimeFacts,
  notes: ProjectionNotes,
): Promise<Map<string, VolumeFile> | undefined> {
  const namespace = pod.metadata.namespace ?? "default";
  const out = new Map<string, VolumeFile>();
  if (volume.configMap) {
    const { name = "", items, defaultMode = DEFAULT_MODE, optional = false } = volume.configMap;
    const cm = await objects.configMap(namespace, name);
    if (!cm) {
      if (optional) return out;
      throw new VolumeError(`configmap "${name}" not found`);
    }
    keyFiles(`configmap "${name}"`, configMapData(cm), items, defaultMode, optional, out);
    return out;
  }
  if (volume.secret) {
    const { secretName = "", items, defaultMode = DEFAULT_MODE, optional = false } = volume.secret;
    const secret = await objects.secret(namespace, secretName);
    if (!secret) {
      if (optional) return out;
      throw new VolumeError(`secret "${secretName}" not found`);
    }
    keyFiles(`secret "${secretName}"`, secretData(secret), items, defaultMode, optional, out);
    return out;
  }
  if (volume.downwardAPI) {
    downwardFiles(pod, volume.downwardAPI.items ?? [], volume.downwardAPI.defaultMode ?? DEFAULT_MODE, facts, out);
    return out;
  }
  if (volume.projected) {
    const mode = volume.projected.defaultMode ?? DEFAULT_MODE;
    for (const source of volume.projected.sources ?? []) {
      if (source.configMap) {
        const { name = "", items, optional = false } = source.configMap;
        const cm = await objects.configMap(namespace, name);
        if (!cm) {
          if (optional) continue;
          throw new VolumeError(`configmap "${name}" not found`);
        }
        keyFiles(`configmap "${name}"`, configMapData(cm), items, mode, optional, out);
      } else if (source.secret) {
        const { name = "", items, optional = false } = source.secret;
        const secret = await objects.secret(namespace, name);
        if (!secret) {
          if (optional) continue;
          throw new VolumeError(`secret "${name}" not found`);
        }
        keyFiles(`secret "${name}"`, secretData(secret), items, mode, optional, out);
      } else if (source.downwardAPI) {
        downwardFiles(pod, source.downwardAPI.items ?? [], mode, facts, out);
      } else if (source.serviceAccountToken) {
        notes.unsupported.push(`serviceAccountToken ${source.serviceAccountToken.path}`);
      }
    }
    return out;
  }
  return undefined;
}
