import type { Env } from "../env.ts";
import type { Identity } from "./identity.ts";

/** Hono's environment for the API: the Worker's bindings plus the cluster this request addresses. */
export interface ApiEnv {
  Bindings: Env & { CLUSTER_NAME: string };
  Variables: { identity: Identity };
}
