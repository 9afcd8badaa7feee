// Element types of core/v1 EndpointSubset, named once for the files here.
import type { EndpointSubset } from "../../schema/kinds.ts";

export type EndpointAddress = NonNullable<EndpointSubset["addresses"]>[number];
export type EndpointPort = NonNullable<EndpointSubset["ports"]>[number];
export type { EndpointSubset };
