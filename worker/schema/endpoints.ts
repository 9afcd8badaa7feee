// core/v1 Endpoints.
import { z } from "zod";
import { ObjectReference, typeMeta } from "./meta.ts";
import { PROTOCOLS } from "./container.ts";

const CORE = "io.k8s.api.core.v1";

export const EndpointAddress = z
  .object({
    ip: z.string(),
    hostname: z.string().optional(),
    nodeName: z.string().optional(),
    targetRef: ObjectReference.optional(),
  })
  .meta({ id: `${CORE}.EndpointAddress` });

export const EndpointPort = z
  .object({
    name: z.string().optional(),
    port: z.int32(),
    protocol: z.enum(PROTOCOLS).optional(),
    appProtocol: z.string().optional(),
  })
  .meta({ id: `${CORE}.EndpointPort` });

export const EndpointSubset = z
  .object({
    addresses: z.array(EndpointAddress).optional(),
    notReadyAddresses: z.array(EndpointAddress).optional(),
    ports: z.array(EndpointPort).optional(),
  })
  .meta({ id: `${CORE}.EndpointSubset` });
export type EndpointSubsetValue = z.infer<typeof EndpointSubset>;

export const Endpoints = z
  .object({ ...typeMeta, subsets: z.array(EndpointSubset).optional().describe("The set of all endpoints is the union of all subsets.") })
  .meta({
    id: `${CORE}.Endpoints`,
    description: "Endpoints is a collection of endpoints that implement the actual service.",
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Endpoints" }],
  });
export type Endpoints = z.infer<typeof Endpoints>;
