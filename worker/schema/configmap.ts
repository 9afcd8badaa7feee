// core/v1 ConfigMap.
import { z } from "zod";
import { typeMeta } from "./meta.ts";

export const ConfigMap = z
  .object({
    ...typeMeta,
    immutable: z.boolean().optional().describe("If set to true, ensures that data stored in the ConfigMap cannot be updated."),
    data: z.record(z.string(), z.string()).optional().describe("Data contains the configuration data."),
    binaryData: z.record(z.string(), z.string()).optional().describe("BinaryData contains the binary data, base64 encoded."),
  })
  .meta({
    id: "io.k8s.api.core.v1.ConfigMap",
    description: "ConfigMap holds configuration data for pods to consume.",
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "ConfigMap" }],
  });
export type ConfigMap = z.infer<typeof ConfigMap>;
