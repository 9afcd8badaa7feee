// The column and printer shapes every kind's printer is written against, and
// the Name/Age columns they all share.
import type { KubeObject } from "../../apimachinery/object.ts";

export interface TableColumnDefinition {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format: string;
  description: string;
  /** 0 shows by default; 1 only with `-o wide`. */
  priority: number;
}

export type TableCell = string | number | boolean | null;

export interface TableRowCondition {
  type: "Completed";
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
}

/** A kind's printer: columns in order, and the cells for one object (always wide, as the server renders). */
export interface Printer {
  columns: TableColumnDefinition[];
  cells(obj: KubeObject, now: number): TableCell[];
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}

export function column(
  name: string,
  description: string,
  opts: { type?: TableColumnDefinition["type"]; format?: string; priority?: number } = {},
): TableColumnDefinition {
  return { name, type: opts.type ?? "string", format: opts.format ?? "", description, priority: opts.priority ?? 0 };
}

export const NAME_COLUMN = column(
  "Name",
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  { format: "name" },
);

export const AGE_COLUMN = column(
  "Age",
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
);
