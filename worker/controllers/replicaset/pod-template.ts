// controller.GetPodFromTemplate: a new pod from a ReplicaSet's template,
// named by generateName and controlled by the ReplicaSet.
import type { KubeObject } from "../../apimachinery/object.ts";
import { newControllerRef } from "./controller-ref.ts";
import { rsSpec } from "./types.ts";

/** generateName leaves room for the 5-character random suffix within 63 characters. */
const MAX_PREFIX = 58;

export function podFromTemplate(rs: KubeObject): KubeObject {
  const template = rsSpec(rs).template ?? {};
  const meta = template.metadata ?? {};
  const prefix = `${rs.metadata.name ?? ""}-`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: prefix.length > MAX_PREFIX ? prefix.slice(0, MAX_PREFIX) : prefix,
      namespace: rs.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [newControllerRef(rs)],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}
