// core/v1 Namespace.
import { z } from "zod";
import { conditionFields, MERGE_BY_TYPE, typeMeta } from "./meta.ts";

const CORE = "io.k8s.api.core.v1";

export const Namespace = z
  .object({
    ...typeMeta,
    spec: z
      .object({ finalizers: z.array(z.string()).optional().describe("Finalizers is an opaque list of values that must be empty to permanently remove object from storage.") })
      .meta({ id: `${CORE}.NamespaceSpec` })
      .optional(),
    status: z
      .object({
        phase: z.enum(["Active", "Terminating"]).optional(),
        conditions: z
          .array(z.object(conditionFields).meta({ id: `${CORE}.NamespaceCondition` }))
          .meta(MERGE_BY_TYPE)
          .optional(),
      })
      .meta({ id: `${CORE}.NamespaceStatus` })
      .optional(),
  })
  .meta({
    id: `${CORE}.Namespace`,
    description: "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Namespace" }],
  });
export type Namespace = z.infer<typeof Namespace>;
