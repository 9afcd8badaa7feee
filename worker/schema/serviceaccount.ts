// core/v1 ServiceAccount.
import { z } from "zod";
import { LocalObjectReference, MERGE_BY_NAME, ObjectReference, typeMeta } from "./meta.ts";

export const ServiceAccount = z
  .object({
    ...typeMeta,
    secrets: z.array(ObjectReference).meta(MERGE_BY_NAME).optional(),
    imagePullSecrets: z.array(LocalObjectReference).optional(),
    automountServiceAccountToken: z.boolean().optional(),
  })
  .meta({
    id: "io.k8s.api.core.v1.ServiceAccount",
    description: "ServiceAccount binds together a name, a principal that can be authenticated and authorized, and a set of secrets.",
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "ServiceAccount" }],
  });
export type ServiceAccount = z.infer<typeof ServiceAccount>;
