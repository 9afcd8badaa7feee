// Timings of kube-controller-manager's node lifecycle controller, with its defaults.

/** --node-monitor-grace-period: a node silent this long is marked Unknown. */
export const NODE_MONITOR_GRACE_MS = 40_000;
/** --node-startup-grace-period: for nodes that never posted a Ready condition. */
export const NODE_STARTUP_GRACE_MS = 60_000;
/** Node heartbeats are Leases here, named after the node (kubelet's NodeLease). */
export const LEASE_NAMESPACE = "kube-node-lease";
/** Pod writes per alarm run for one node; the rest is left for the next run. */
export const POD_BATCH = 100;
export const COMPONENT = "node-controller";
export const EVICTION_COMPONENT = "taint-eviction-controller";
