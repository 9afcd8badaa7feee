// SetDefaults_Deployment and SetDefaults_ReplicaSet (apps/v1).
import type { Deployment } from "../deployment.ts";
import type { ReplicaSet } from "../replicaset.ts";
import type { PodTemplateSpecValue } from "../pod.ts";
import { defaultPodSpec } from "./pod.ts";

function defaultTemplate(template: PodTemplateSpecValue | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
}

export function defaultDeployment(d: Deployment): void {
  const spec = d.spec;
  if (!spec) return;
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ??= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= "25%";
    ru.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec.template);
}

export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {});
  spec.replicas ??= 1;
  defaultTemplate(spec.template);
}
