// core/v1 Secret. `data` values are base64; `stringData` is write-only sugar.
import { z } from "zod";
import { typeMeta } from "./meta.ts";

export const Secret = z
  .object({
    ...typeMeta,
    immutable: z.boolean().optional(),
    data: z.record(z.string(), z.string()).optional().describe("Data contains the secret data, each value base64 encoded."),
    stringData: z.record(z.string(), z.string()).optional().describe("stringData allows specifying non-binary secret data in string form. Write-only; merged into data."),
    type: z.string().optional().describe("Used to facilitate programmatic handling of secret data. Defaults to Opaque."),
  })
  .meta({
    id: "io.k8s.api.core.v1.Secret",
    description: "Secret holds secret data of a certain type.",
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Secret" }],
  });
export type Secret = z.infer<typeof Secret>;
