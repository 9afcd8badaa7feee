// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.storage.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const STORAGE_V1: MessageTable = {
  "storage.v1.CSIDriver": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "storage.v1.CSIDriverSpec"],
  },
  "storage.v1.CSIDriverList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "storage.v1.CSIDriver", "r"],
  },
  "storage.v1.CSIDriverSpec": {
    1: ["attachRequired", "bool", "k"],
    2: ["podInfoOnMount", "bool", "k"],
    3: ["volumeLifecycleModes", "string", "r"],
    4: ["storageCapacity", "bool", "k"],
    5: ["fsGroupPolicy", "string", "k"],
    6: ["tokenRequests", "storage.v1.TokenRequest", "r"],
    7: ["requiresRepublish", "bool", "k"],
    8: ["seLinuxMount", "bool", "k"],
  },
  "storage.v1.CSINode": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "storage.v1.CSINodeSpec"],
  },
  "storage.v1.CSINodeDriver": {
    1: ["name", "string", "k"],
    2: ["nodeID", "string", "k"],
    3: ["topologyKeys", "string", "r"],
    4: ["allocatable", "storage.v1.VolumeNodeResources"],
  },
  "storage.v1.CSINodeList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "storage.v1.CSINode", "r"],
  },
  "storage.v1.CSINodeSpec": {
    1: ["drivers", "storage.v1.CSINodeDriver", "r"],
  },
  "storage.v1.CSIStorageCapacity": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["nodeTopology", "meta.v1.LabelSelector"],
    3: ["storageClassName", "string", "k"],
    4: ["capacity", "Quantity"],
    5: ["maximumVolumeSize", "Quantity"],
  },
  "storage.v1.CSIStorageCapacityList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "storage.v1.CSIStorageCapacity", "r"],
  },
  "storage.v1.StorageClass": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["provisioner", "string", "k"],
    3: ["parameters", "string", "m"],
    4: ["reclaimPolicy", "string", "k"],
    5: ["mountOptions", "string", "r"],
    6: ["allowVolumeExpansion", "bool", "k"],
    7: ["volumeBindingMode", "string", "k"],
    8: ["allowedTopologies", "core.v1.TopologySelectorTerm", "r"],
  },
  "storage.v1.StorageClassList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "storage.v1.StorageClass", "r"],
  },
  "storage.v1.TokenRequest": {
    1: ["audience", "string", "k"],
    2: ["expirationSeconds", "int64", "k"],
  },
  "storage.v1.VolumeAttachment": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "storage.v1.VolumeAttachmentSpec"],
    3: ["status", "storage.v1.VolumeAttachmentStatus"],
  },
  "storage.v1.VolumeAttachmentList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "storage.v1.VolumeAttachment", "r"],
  },
  "storage.v1.VolumeAttachmentSource": {
    1: ["persistentVolumeName", "string", "k"],
    2: ["inlineVolumeSpec", "core.v1.PersistentVolumeSpec"],
  },
  "storage.v1.VolumeAttachmentSpec": {
    1: ["attacher", "string", "k"],
    2: ["source", "storage.v1.VolumeAttachmentSource"],
    3: ["nodeName", "string", "k"],
  },
  "storage.v1.VolumeAttachmentStatus": {
    1: ["attached", "bool", "k"],
    2: ["attachmentMetadata", "string", "m"],
    3: ["attachError", "storage.v1.VolumeError"],
    4: ["detachError", "storage.v1.VolumeError"],
  },
  "storage.v1.VolumeError": {
    1: ["time", "Time"],
    2: ["message", "string"],
  },
  "storage.v1.VolumeNodeResources": {
    1: ["count", "int32", "k"],
  },
};
