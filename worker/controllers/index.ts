import { compactor } from "./compactor.ts";
import { deploymentController } from "./deployment/index.ts";
import { endpointsController } from "./endpoints/index.ts";
import { garbageCollector } from "./garbage-collector.ts";
import { namespaceController } from "./namespace-controller.ts";
import { nodeLifecycleController } from "./node-lifecycle/index.ts";
import type { Reconciler } from "./reconciler.ts";
import { replicaSetController } from "./replicaset/index.ts";
import { schedulerReconciler } from "../scheduler/index.ts";
import { serviceAccountController } from "./serviceaccount-controller.ts";

/** Every reconciler the cluster object runs from its alarm. */
export const RECONCILERS: readonly Reconciler[] = [
  schedulerReconciler,
  deploymentController,
  replicaSetController,
  endpointsController,
  nodeLifecycleController,
  garbageCollector,
  namespaceController,
  serviceAccountController,
  compactor,
];
