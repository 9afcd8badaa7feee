// coordination.k8s.io/v1 Lease: node heartbeats and leader election.
import { z } from "zod";
import { MicroTime, typeMeta } from "./meta.ts";

export const LeaseSpec = z
  .object({
    holderIdentity: z.string().optional(),
    leaseDurationSeconds: z.int32().optional(),
    acquireTime: MicroTime.optional(),
    renewTime: MicroTime.optional(),
    leaseTransitions: z.int32().optional(),
    strategy: z.string().optional(),
    preferredHolder: z.string().optional(),
  })
  .meta({ id: "io.k8s.api.coordination.v1.LeaseSpec" });

export const Lease = z
  .object({ ...typeMeta, spec: LeaseSpec.optional() })
  .meta({
    id: "io.k8s.api.coordination.v1.Lease",
    description: "Lease defines a lease concept.",
    "x-kubernetes-group-version-kind": [{ group: "coordination.k8s.io", version: "v1", kind: "Lease" }],
  });
export type Lease = z.infer<typeof Lease>;
