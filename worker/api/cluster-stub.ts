import type { Context } from "hono";
import type { ClusterStore } from "../store/cluster-store.ts";
import type { ApiEnv } from "./api-env.ts";

type StoreMethods = Pick<
  ClusterStore,
    | "get"
  | "list"
  | "watch"
  | "create"
  | "update"
  | "patch"
  | "delete"
  | "deleteCollection"
  | "getScale"
  | "writeScale"
  | "applyManifests"
  | "nodeAssignments"
  | "nodeMayAccess"
  | "podLogs"
>;

/** The store's RPC methods as the API layer sees them: the same signatures, asynchronous. */
export type ClusterClient = {
  [K in keyof StoreMethods]: (...args: Parameters<StoreMethods[K]>) => Promise<Awaited<ReturnType<StoreMethods[K]>>>;
};

/** The Durable Object that holds the addressed cluster's state. */
export function clusterStub(c: Context<ApiEnv>): ClusterClient {
  const ns = c.env.CLUSTER;
  // RPC stubs map return types through their serialization rules, which loses
  // the Outcome union's narrowing; the values themselves cross RPC unchanged.
  return ns.get(ns.idFromName(c.env.CLUSTER_NAME)) as unknown as ClusterClient;
}

/** The raw stub, for the one non-RPC call: handing a WebSocket upgrade to the object. */
export function clusterObject(c: Context<ApiEnv>): DurableObjectStub {
  const ns = c.env.CLUSTER;
  return ns.get(ns.idFromName(c.env.CLUSTER_NAME));
}
