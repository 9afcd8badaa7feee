// The FailedScheduling message in kube-scheduler's exact form (FitError.Error):
// "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated
// taint {…}." with "count reason" strings sorted as Go's sort.Strings does.
// The "preemption: …" clause is left out: this scheduler does not preempt.

export const NO_NODES_MESSAGE = "no nodes available to schedule pods";

export function fitErrorMessage(numAllNodes: number, reasons: ReadonlyMap<string, number>): string {
  const histogram = [...reasons].map(([reason, count]) => `${count} ${reason}`).sort();
  let message = `0/${numAllNodes} nodes are available:`;
  if (histogram.length > 0) message += ` ${histogram.join(", ")}.`;
  return message;
}
