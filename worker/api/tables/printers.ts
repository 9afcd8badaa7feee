// Which printer renders which resource, keyed by the registry's plural.
import type { ResourceType } from "../../apimachinery/registry.ts";
import type { Printer } from "./columns.ts";
import { eventPrinter } from "./events.ts";
import { nodePrinter } from "./nodes.ts";
import { podPrinter } from "./pods.ts";
import { endpointsPrinter, servicePrinter } from "./services.ts";
import {
  configMapPrinter,
  defaultPrinter,
  leasePrinter,
  namespacePrinter,
  secretPrinter,
  serviceAccountPrinter,
} from "./simple.ts";
import { deploymentPrinter, replicaSetPrinter } from "./workloads.ts";

const PRINTERS: ReadonlyMap<string, Printer> = new Map([
  ["pods", podPrinter],
  ["deployments", deploymentPrinter],
  ["replicasets", replicaSetPrinter],
  ["services", servicePrinter],
  ["endpoints", endpointsPrinter],
  ["nodes", nodePrinter],
  ["namespaces", namespacePrinter],
  ["configmaps", configMapPrinter],
  ["secrets", secretPrinter],
  ["serviceaccounts", serviceAccountPrinter],
  ["events", eventPrinter],
  ["leases", leasePrinter],
]);

export function printerFor(r: ResourceType): Printer {
  return PRINTERS.get(r.plural) ?? defaultPrinter;
}
