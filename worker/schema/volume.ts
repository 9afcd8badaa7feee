// core/v1 Volume and its sources; the common ones are modelled field by field.
import { z } from "zod";
import { LocalObjectReference, Quantity } from "./meta.ts";
import { ObjectFieldSelector, ResourceFieldSelector } from "./container.ts";

const CORE = "io.k8s.api.core.v1";

export const KeyToPath = z
  .object({ key: z.string(), path: z.string(), mode: z.int32().optional() })
  .meta({ id: `${CORE}.KeyToPath` });

export const DownwardAPIVolumeFile = z
  .object({
    path: z.string(),
    fieldRef: ObjectFieldSelector.optional(),
    resourceFieldRef: ResourceFieldSelector.optional(),
    mode: z.int32().optional(),
  })
  .meta({ id: `${CORE}.DownwardAPIVolumeFile` });

export const EmptyDirVolumeSource = z
  .object({ medium: z.string().optional(), sizeLimit: Quantity.optional() })
  .meta({ id: `${CORE}.EmptyDirVolumeSource` });

export const HOST_PATH_TYPES = [
  "",
  "BlockDevice",
  "CharDevice",
  "Directory",
  "DirectoryOrCreate",
  "File",
  "FileOrCreate",
  "Socket",
] as const;

export const HostPathVolumeSource = z
  .object({ path: z.string(), type: z.enum(HOST_PATH_TYPES).optional() })
  .meta({ id: `${CORE}.HostPathVolumeSource` });

export const ConfigMapVolumeSource = z
  .object({
    name: z.string().optional(),
    items: z.array(KeyToPath).optional(),
    defaultMode: z.int32().optional(),
    optional: z.boolean().optional(),
  })
  .meta({ id: `${CORE}.ConfigMapVolumeSource` });

export const SecretVolumeSource = z
  .object({
    secretName: z.string().optional(),
    items: z.array(KeyToPath).optional(),
    defaultMode: z.int32().optional(),
    optional: z.boolean().optional(),
  })
  .meta({ id: `${CORE}.SecretVolumeSource` });

export const DownwardAPIVolumeSource = z
  .object({ items: z.array(DownwardAPIVolumeFile).optional(), defaultMode: z.int32().optional() })
  .meta({ id: `${CORE}.DownwardAPIVolumeSource` });

const projection = { name: z.string().optional(), items: z.array(KeyToPath).optional(), optional: z.boolean().optional() };

export const VolumeProjection = z
  .object({
    secret: z.object(projection).meta({ id: `${CORE}.SecretProjection` }).optional(),
    configMap: z.object(projection).meta({ id: `${CORE}.ConfigMapProjection` }).optional(),
    downwardAPI: z
      .object({ items: z.array(DownwardAPIVolumeFile).optional() })
      .meta({ id: `${CORE}.DownwardAPIProjection` })
      .optional(),
    serviceAccountToken: z
      .object({ audience: z.string().optional(), expirationSeconds: z.int().optional(), path: z.string() })
      .meta({ id: `${CORE}.ServiceAccountTokenProjection` })
      .optional(),
    clusterTrustBundle: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: `${CORE}.VolumeProjection` });

export const ProjectedVolumeSource = z
  .object({ sources: z.array(VolumeProjection).optional(), defaultMode: z.int32().optional() })
  .meta({ id: `${CORE}.ProjectedVolumeSource` });

export const PersistentVolumeClaimVolumeSource = z
  .object({ claimName: z.string(), readOnly: z.boolean().optional() })
  .meta({ id: `${CORE}.PersistentVolumeClaimVolumeSource` });

export const NFSVolumeSource = z
  .object({ server: z.string(), path: z.string(), readOnly: z.boolean().optional() })
  .meta({ id: `${CORE}.NFSVolumeSource` });

export const CSIVolumeSource = z
  .object({
    driver: z.string(),
    readOnly: z.boolean().optional(),
    fsType: z.string().optional(),
    volumeAttributes: z.record(z.string(), z.string()).optional(),
    nodePublishSecretRef: LocalObjectReference.optional(),
  })
  .meta({ id: `${CORE}.CSIVolumeSource` });

export const ImageVolumeSource = z
  .object({ reference: z.string().optional(), pullPolicy: z.enum(["Always", "IfNotPresent", "Never"]).optional() })
  .meta({ id: `${CORE}.ImageVolumeSource` });

/** The volume source fields; exactly one may be set on a Volume. */
export const volumeSources = {
  emptyDir: EmptyDirVolumeSource.optional(),
  hostPath: HostPathVolumeSource.optional(),
  configMap: ConfigMapVolumeSource.optional(),
  secret: SecretVolumeSource.optional(),
  downwardAPI: DownwardAPIVolumeSource.optional(),
  projected: ProjectedVolumeSource.optional(),
  persistentVolumeClaim: PersistentVolumeClaimVolumeSource.optional(),
  nfs: NFSVolumeSource.optional(),
  csi: CSIVolumeSource.optional(),
  image: ImageVolumeSource.optional(),
  // Rare and large; kept opaque so objects using it still round-trip.
  ephemeral: z.record(z.string(), z.unknown()).optional(),
};

export const VOLUME_SOURCE_NAMES = Object.keys(volumeSources) as (keyof typeof volumeSources)[];

export const Volume = z
  .object({ name: z.string().describe("Volume's name; must be a DNS_LABEL and unique within the pod."), ...volumeSources })
  .meta({ id: `${CORE}.Volume`, description: "Volume represents a named volume in a pod." });
export type VolumeValue = z.infer<typeof Volume>;
