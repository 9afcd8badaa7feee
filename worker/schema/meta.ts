// Shared apimachinery shapes (ObjectMeta, Time, IntOrString, Quantity,
// LabelSelector). The `id`s are the OpenAPI component names Kubernetes uses.
import { z } from "zod";

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

export const Time = z
  .string()
  .meta({ id: `${META}.Time`, description: "Time is a wrapper around time.Time; serialized as RFC 3339." });

export const MicroTime = z
  .string()
  .meta({ id: `${META}.MicroTime`, description: "MicroTime is version of Time with microsecond level precision." });

export const IntOrString = z.union([z.int32(), z.string()]).meta({
  id: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
  description: "IntOrString is a type that can hold an int32 or a string.",
});
export type IntOrStringValue = z.infer<typeof IntOrString>;

// YAML `cpu: 1` arrives as a number; Kubernetes accepts it and stores a string.
export const Quantity = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .meta({
    id: "io.k8s.apimachinery.pkg.api.resource.Quantity",
    description: "Quantity is a fixed-point representation of a number, e.g. 100m, 1.5Gi, 2.",
  });

export const ResourceList = z.record(z.string(), Quantity);
export type ResourceListValue = z.infer<typeof ResourceList>;

export const StringMap = z.record(z.string(), z.string());

export const OwnerReference = z
  .object({
    apiVersion: z.string().describe("API version of the referent."),
    kind: z.string().describe("Kind of the referent."),
    name: z.string().describe("Name of the referent."),
    uid: z.string().describe("UID of the referent."),
    controller: z.boolean().optional().describe("If true, this reference points to the managing controller."),
    blockOwnerDeletion: z.boolean().optional(),
  })
  .meta({ id: `${META}.OwnerReference`, description: "OwnerReference contains enough information to let you identify an owning object." });

export const ManagedFieldsEntry = z
  .object({
    manager: z.string(),
    operation: z.enum(["Apply", "Update"]),
    apiVersion: z.string(),
    time: z.string(),
    fieldsType: z.literal("FieldsV1"),
    fieldsV1: z.record(z.string(), z.unknown()),
    subresource: z.string().optional(),
  })
  .meta({ id: `${META}.ManagedFieldsEntry` });

export const ObjectMeta = z
  .object({
    name: z.string().optional().describe("Name must be unique within a namespace."),
    generateName: z.string().optional().describe("An optional prefix used by the server to generate a unique name."),
    namespace: z.string().optional().describe("Namespace defines the space within which each name must be unique."),
    selfLink: z.string().optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    generation: z.int().optional(),
    creationTimestamp: Time.optional(),
    deletionTimestamp: Time.optional(),
    deletionGracePeriodSeconds: z.int().optional(),
    labels: StringMap.optional().describe("Map of string keys and values that can be used to organize and categorize objects."),
    annotations: StringMap.optional().describe("Annotations is an unstructured key value map stored with a resource."),
    ownerReferences: z
      .array(OwnerReference)
      .meta({ "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge" })
      .optional(),
    finalizers: z.array(z.string()).meta({ "x-kubernetes-patch-strategy": "merge" }).optional(),
    managedFields: z.array(ManagedFieldsEntry).optional(),
  })
  .meta({
    id: `${META}.ObjectMeta`,
    description: "ObjectMeta is metadata that all persisted resources must have.",
  });

export const ListMeta = z
  .object({ resourceVersion: z.string().optional(), continue: z.string().optional(), remainingItemCount: z.int().optional() })
  .meta({ id: `${META}.ListMeta` });

export const LabelSelectorRequirement = z
  .object({
    key: z.string(),
    operator: z.string().describe("One of In, NotIn, Exists and DoesNotExist."),
    values: z.array(z.string()).optional(),
  })
  .meta({ id: `${META}.LabelSelectorRequirement` });

export const LabelSelector = z
  .object({
    matchLabels: StringMap.optional(),
    matchExpressions: z.array(LabelSelectorRequirement).optional(),
  })
  .meta({ id: `${META}.LabelSelector`, description: "A label selector is a label query over a set of resources." });
export type LabelSelectorValue = z.infer<typeof LabelSelector>;

export const LocalObjectReference = z
  .object({ name: z.string().optional() })
  .meta({ id: "io.k8s.api.core.v1.LocalObjectReference" });

export const ObjectReference = z
  .object({
    kind: z.string().optional(),
    namespace: z.string().optional(),
    name: z.string().optional(),
    uid: z.string().optional(),
    apiVersion: z.string().optional(),
    resourceVersion: z.string().optional(),
    fieldPath: z.string().optional(),
  })
  .meta({ id: "io.k8s.api.core.v1.ObjectReference" });

/** The fields every status condition shares; kinds add their own timestamps. */
export const conditionFields = {
  type: z.string().describe("Type of condition."),
  status: z.string().describe("Status of the condition, one of True, False, Unknown."),
  lastTransitionTime: Time.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
};

export const MERGE_BY_TYPE = { "x-kubernetes-patch-merge-key": "type", "x-kubernetes-patch-strategy": "merge" } as const;
export const MERGE_BY_NAME = { "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge" } as const;

/** The envelope every kind shares: apiVersion, kind, metadata. */
export const typeMeta = {
  apiVersion: z.string().describe("APIVersion defines the versioned schema of this representation of an object."),
  kind: z.string().describe("Kind is a string value representing the REST resource this object represents."),
  metadata: ObjectMeta.describe("Standard object's metadata."),
};

export type ObjectMetaValue = z.infer<typeof ObjectMeta>;
export type LabelSelectorRequirementValue = z.infer<typeof LabelSelectorRequirement>;
