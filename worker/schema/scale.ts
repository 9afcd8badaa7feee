// autoscaling/v1 Scale: the body of the deployments/scale and replicasets/scale subresources.
import { z } from "zod";
import { typeMeta } from "./meta.ts";

const AUTOSCALING = "io.k8s.api.autoscaling.v1";

export const Scale = z
  .object({
    ...typeMeta,
    spec: z
      .object({ replicas: z.int32().optional().describe("Desired number of instances for the scaled object.") })
      .meta({ id: `${AUTOSCALING}.ScaleSpec` })
      .optional(),
    status: z
      .object({
        replicas: z.int32().describe("Actual number of observed instances of the scaled object."),
        selector: z.string().optional().describe("Label query over pods, in the string form of a label selector."),
      })
      .meta({ id: `${AUTOSCALING}.ScaleStatus` })
      .optional(),
  })
  .meta({
    id: `${AUTOSCALING}.Scale`,
    description: "Scale represents a scaling request for a resource.",
    "x-kubernetes-group-version-kind": [{ group: "autoscaling", version: "v1", kind: "Scale" }],
  });
export type Scale = z.infer<typeof Scale>;
