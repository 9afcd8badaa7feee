// meta.k8s.io/v1 Table responses: what `kubectl get` asks for, so that the
// server, not kubectl, computes READY, STATUS, AGE and the other columns.
import type { KubeObject, ObjectMeta } from "../../apimachinery/object.ts";
import type { ResourceType } from "../../apimachinery/registry.ts";
import type { TableCell, TableColumnDefinition, TableRowCondition } from "./columns.ts";
import { printerFor } from "./printers.ts";

export type { TableCell, TableColumnDefinition, TableRowCondition } from "./columns.ts";

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** includeObject=Metadata, the default: kubectl reads namespace and labels from it. Absent with None. */
  object?: { kind: "PartialObjectMetadata"; apiVersion: "meta.k8s.io/v1"; metadata: ObjectMeta } | KubeObject;
}

export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

export interface TableOptions {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
  /** Milliseconds since the epoch; AGE is relative to it. Defaults to Date.now(). */
  now?: number;
  /** `?includeObject=`: Metadata (the default), Object (kubectl's --sort-by needs it) or None. */
  includeObject?: IncludeObject;
}

export type IncludeObject = "None" | "Metadata" | "Object";

export function includeObjectParam(value: string | null): IncludeObject {
  return value === "Object" || value === "None" ? value : "Metadata";
}

function row(r: ResourceType, o: KubeObject, now: number, include: IncludeObject): TableRow {
  const printer = printerFor(r);
  const conditions = printer.conditions?.(o);
  const object =
    include === "Object" ? o : include === "Metadata" ? { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata } : undefined;
  return {
    cells: printer.cells(o, now),
    ...(conditions ? { conditions } : {}),
    ...(object ? { object } : {}),
  };
}

export function renderTable(r: ResourceType, objects: KubeObject[], options: TableOptions): Table {
  const now = options.now ?? Date.now();
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: {
      resourceVersion: options.resourceVersion,
      ...(options.continue ? { continue: options.continue } : {}),
      ...(options.remainingItemCount !== undefined ? { remainingItemCount: options.remainingItemCount } : {}),
    },
    columnDefinitions: printerFor(r).columns,
    rows: objects.map((o) => row(r, o, now, options.includeObject ?? "Metadata")),
  };
}

/**
 * The object of one watch event when the client asked for Tables: a one-row
 * Table at the object's resourceVersion. kubectl reprints the header only
 * when the columns change, so repeating them on every event is harmless;
 * pass includeColumnDefinitions: false to send them with the first event only.
 */
export function renderTableRowEvent(
  r: ResourceType,
  object: KubeObject,
  options: { now?: number; includeColumnDefinitions?: boolean } = {},
): Table {
  const table = renderTable(r, [object], {
    resourceVersion: object.metadata.resourceVersion ?? "",
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  return options.includeColumnDefinitions === false ? { ...table, columnDefinitions: [] } : table;
}

export { TABLE_CONTENT_TYPE, wantsTable } from "./content-type.ts";
