import type { ClusterStore } from "./store/cluster-store.ts";

/** Bindings and secrets of the control-plane Worker (see wrangler.toml). */
export interface Env {
  CLUSTER: DurableObjectNamespace<ClusterStore>;
  ADMIN_TOKEN?: string;
  SECRETS_KEY?: string;
  JOIN_TOKEN?: string;
  SERVICE_CIDR: string;
  CLUSTER_CIDR: string;
}
