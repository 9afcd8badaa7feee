// Kinds whose rows are a name, a count or a single field, and an age:
// printNamespace, printConfigMap, printSecret, printServiceAccount, printLease.
import type { KubeObject } from "../../apimachinery/object.ts";
import { since } from "./age.ts";
import { AGE_COLUMN, NAME_COLUMN, column } from "./columns.ts";
import type { Printer, TableCell } from "./columns.ts";
import { obj, str } from "./read.ts";

const age = (o: KubeObject, now: number): string => since(o.metadata.creationTimestamp, now);
const size = (v: unknown): number => Object.keys(obj(v)).length;

export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, column("Status", "The status of the namespace"), AGE_COLUMN],
  cells: (o, now): TableCell[] => [str(o.metadata.name), str(obj(o.status).phase) || "Active", age(o, now)],
};

export const configMapPrinter: Printer = {
  columns: [NAME_COLUMN, column("Data", "Data contains the configuration data."), AGE_COLUMN],
  cells: (o, now): TableCell[] => [str(o.metadata.name), size(o.data) + size(o.binaryData), age(o, now)],
};

export const secretPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Type", "Used to facilitate programmatic handling of secret data."),
    column("Data", "Contains the secret data."),
    AGE_COLUMN,
  ],
  cells: (o, now): TableCell[] => [str(o.metadata.name), str(o.type) || "Opaque", size(o.data), age(o, now)],
};

export const serviceAccountPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
    AGE_COLUMN,
  ],
  cells: (o, now): TableCell[] => [str(o.metadata.name), Array.isArray(o.secrets) ? o.secrets.length : 0, age(o, now)],
};

export const leasePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Holder", "holderIdentity contains the identity of the holder of a current lease."),
    AGE_COLUMN,
  ],
  cells: (o, now): TableCell[] => [str(o.metadata.name), str(obj(o.spec).holderIdentity), age(o, now)],
};

/** The API server's default table for kinds without a printer: NAME and CREATED AT. */
export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, { ...column("Created At", "CreationTimestamp is a timestamp representing the server time when this object was created."), type: "date" }],
  cells: (o): TableCell[] => [str(o.metadata.name), str(o.metadata.creationTimestamp)],
};
