// The long-poll for this node's pods. Each answer is the complete set of pods
// bound here (level-triggered), handed to the pod manager as is. Failures
// back off and retry; pods keep running meanwhile, and the first answer
// after an outage resynchronizes everything.
import type { Pod } from "../../worker/schema/kinds.ts";
import { errorMessage } from "../log.ts";
import type { Logger } from "../log.ts";
import { RetryDelay } from "../util/backoff.ts";
import { sleep } from "../util/time.ts";
import { ApiError } from "./api-error.ts";
import type { KubeClient } from "./kube-client.ts";

export type AssignmentListener = (pods: Pod[], resourceVersion: string, receivedAt: number) => void;

const POLL_SECONDS = 30;

export class AssignmentsLoop {
  private readonly abort = new AbortController();
  private resourceVersion: string | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly nodeName: string,
    private readonly listener: AssignmentListener,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  private async run(): Promise<void> {
    const retry = new RetryDelay();
    let failing = false;
    while (!this.abort.signal.aborted) {
      try {
        const answer = await this.client.pollAssignments(this.nodeName, this.resourceVersion, POLL_SECONDS, this.abort.signal);
        const receivedAt = performance.now();
        if (failing) this.log.info(`control plane reachable again; resynchronizing ${answer.pods.length} pod(s)`);
        failing = false;
        retry.reset();
        this.resourceVersion = answer.resourceVersion;
        this.listener(answer.pods, answer.resourceVersion, receivedAt);
      } catch (error) {
        if (this.abort.signal.aborted) break;
        // An expired resourceVersion: start over with the full set.
        if (error instanceof ApiError && (error.status === 410 || error.status === 400)) this.resourceVersion = undefined;
        const delay = retry.next();
        if (!failing) this.log.warn(`watching assigned pods failed (pods keep running; retrying): ${errorMessage(error)}`);
        failing = true;
        await sleep(delay, this.abort.signal);
      }
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }
}
