// Deployments and ReplicaSets: printDeployment and printReplicaSet. Their wide
// columns show the pod template's containers and the selector as a string.
import type { KubeObject } from "../../apimachinery/object.ts";
import { StatusError } from "../../apimachinery/status.ts";
import type { LabelSelectorObject } from "../../apimachinery/selectors.ts";
import { labelSelectorFromObject, labelSelectorToString } from "../../apimachinery/selectors.ts";
import { since } from "./age.ts";
import { AGE_COLUMN, NAME_COLUMN, column } from "./columns.ts";
import type { Printer, TableCell } from "./columns.ts";
import { int, list, obj, str, stringMap, strings } from "./read.ts";

/** layoutContainerCells: container names and images, comma-joined. */
function containerCells(o: KubeObject): [string, string] {
  const containers = list(obj(obj(obj(o.spec).template).spec).containers);
  return [containers.map((c) => str(c.name)).join(","), containers.map((c) => str(c.image)).join(",")];
}

function selectorObject(raw: unknown): LabelSelectorObject | null {
  if (raw === undefined || raw === null) return null;
  const o = obj(raw);
  return {
    matchLabels: stringMap(o.matchLabels),
    matchExpressions: list(o.matchExpressions).map((e) => ({
      key: str(e.key),
      operator: str(e.operator),
      values: strings(e.values),
    })),
  };
}

function selectorCell(o: KubeObject): string {
  try {
    return labelSelectorToString(labelSelectorFromObject(selectorObject(obj(o.spec).selector)));
  } catch (e) {
    if (e instanceof StatusError) return "<invalid>";
    throw e;
  }
}

const CONTAINERS = column("Containers", "Names of each container in the template.", { priority: 1 });
const IMAGES = column("Images", "Images referenced by each container in the template.", { priority: 1 });
const SELECTOR = column(
  "Selector",
  "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.",
  { priority: 1 },
);

/** spec.replicas defaults to 1 when unset, as the API server's defaulting does. */
const desired = (o: KubeObject): number => int(obj(o.spec).replicas, 1);

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Ready", "Number of the pod with ready state"),
    column("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", {
      type: "integer",
    }),
    column("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", {
      type: "integer",
    }),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(o: KubeObject, now: number): TableCell[] {
    const status = obj(o.status);
    return [
      str(o.metadata.name),
      `${int(status.readyReplicas)}/${desired(o)}`,
      int(status.updatedReplicas),
      int(status.availableReplicas),
      since(o.metadata.creationTimestamp, now),
      ...containerCells(o),
      selectorCell(o),
    ];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Desired", "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1.", {
      type: "integer",
    }),
    column("Current", "Replicas is the most recently observed number of replicas.", { type: "integer" }),
    column("Ready", "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.", {
      type: "integer",
    }),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    column("Selector", "Selector is a label query over pods that should match the replica count.", { priority: 1 }),
  ],
  cells(o: KubeObject, now: number): TableCell[] {
    const status = obj(o.status);
    return [
      str(o.metadata.name),
      desired(o),
      int(status.replicas),
      int(status.readyReplicas),
      since(o.metadata.creationTimestamp, now),
      ...containerCells(o),
      selectorCell(o),
    ];
  },
};
