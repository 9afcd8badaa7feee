// Before and after the run: remove whatever an interrupted earlier run left
// (namespaces, dockerds, links, rules), so a crash never poisons the next run.
import { removeLeftovers, requireTools } from "./topology.ts";

export default async function setup(): Promise<() => Promise<void>> {
  await requireTools();
  await removeLeftovers();
  return removeLeftovers;
}
