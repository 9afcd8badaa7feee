// Keeps the kernel's service rules in step with the cluster view: changes are
// coalesced for a few milliseconds, then one full sync computes every rule
// and swaps it in atomically. It measures each change from arrival to
// applied rules, which is the number the issue asks for.
import type { Logger } from "../../log.ts";
import { errorMessage } from "../../log.ts";
import type { ClusterState, ClusterChange } from "../cluster-state.ts";
import type { Runner } from "../exec.ts";
import { chainPrefix } from "../names.ts";
import { IptablesWriter } from "./iptables.ts";
import { allRoutes } from "./model.ts";
import { buildRules } from "./rules.ts";

export interface ProxierOptions {
  nodeName: string;
  clusterCidr: string;
  run: Runner;
  log: Logger;
  /** Coalescing window after a change (kube-proxy's minSyncPeriod; it defaults to 1 s, we aim under it). */
  debounceMs?: number;
  /** Full resync period: repairs rules someone else removed (a Docker restart, an admin). */
  resyncMs?: number;
  /** Each sync that followed a change: how long from the change's arrival to rules in the kernel. */
  onSynced?: (result: SyncResult) => void;
}

export interface SyncResult {
  /** ms from the first change of this batch arriving to iptables-restore returning. */
  latencyMs: number;
  /** ms spent in iptables (save + restore). */
  applyMs: number;
  routes: number;
}

export class ServiceProxy {
  private readonly writer: IptablesWriter;
  private readonly prefix: string;
  private timer: NodeJS.Timeout | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private pendingSince: number | undefined;
  /** Whether the pending batch holds a cluster change (not just the periodic resync). */
  private pendingChange = false;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly state: ClusterState,
    private readonly options: ProxierOptions,
  ) {
    this.prefix = chainPrefix(options.nodeName);
    this.writer = new IptablesWriter(options.run, this.prefix, options.nodeName);
  }

  private starting: Promise<void> | undefined;

  /** Installs the rules for the current view and follows changes. */
  start(): Promise<void> {
    this.starting ??= this.install();
    return this.starting;
  }

  private async install(): Promise<void> {
    if (this.stopped) return;
    await this.syncNow(performance.now(), false);
    await this.writer.ensureHooks();
    // stop() may have run meanwhile; it waits for us and then removes everything.
    if (this.stopped) return;
    this.unsubscribe = this.state.subscribe((change) => this.onChange(change));
    const resync = () => {
      this.resyncTimer = setTimeout(() => {
        void this.writer.ensureHooks().catch((error: unknown) => this.options.log.warn(`re-checking iptables hooks: ${errorMessage(error)}`));
        this.schedule(performance.now(), false);
        resync();
      }, this.options.resyncMs ?? 30_000);
      this.resyncTimer.unref();
    };
    resync();
  }

  private onChange(change: ClusterChange): void {
    // Nodes do not affect service rules.
    if (change.kind === "nodes") return;
    this.schedule(change.at, true);
  }

  private schedule(at: number, fromChange: boolean): void {
    if (this.stopped) return;
    this.pendingSince ??= at;
    this.pendingChange ||= fromChange;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.debounceMs ?? 20);
  }

  private async flush(): Promise<void> {
    if (this.running) {
      // One restore at a time; run once more when this one ends.
      this.again = true;
      return;
    }
    const since = this.pendingSince ?? performance.now();
    const fromChange = this.pendingChange;
    this.pendingSince = undefined;
    this.pendingChange = false;
    this.running = this.syncNow(since, fromChange).catch((error: unknown) => {
      this.options.log.warn(`syncing service rules failed (retrying in 1 s): ${errorMessage(error)}`);
      setTimeout(() => this.schedule(since, fromChange), 1000).unref();
    });
    await this.running;
    this.running = undefined;
    if (this.again) {
      this.again = false;
      if (this.pendingSince !== undefined) await this.flush();
    }
  }

  private async syncNow(since: number, fromChange: boolean): Promise<void> {
    if (this.stopped) return;
    const routes = allRoutes(this.state.services.values(), this.state.endpoints);
    const applyStart = performance.now();
    const existing = await this.writer.existingChains("nat");
    const rules = buildRules({ prefix: this.prefix, clusterCidr: this.options.clusterCidr, routes, existingNatChains: existing });
    await this.writer.apply(rules);
    const done = performance.now();
    const result = { latencyMs: done - since, applyMs: done - applyStart, routes: routes.length };
    const log = fromChange ? this.options.log.info : this.options.log.debug;
    log(`service rules applied: ${routes.length} service ports, ${result.latencyMs.toFixed(1)} ms after the change arrived (iptables ${result.applyMs.toFixed(1)} ms)`);
    if (fromChange) this.options.onSynced?.(result);
  }

  /** Waits for any sync in progress (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.timer || this.running) {
      await (this.running ?? new Promise((r) => setTimeout(r, 5)));
    }
  }

  /** Removes every rule of ours. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    this.timer = undefined;
    clearTimeout(this.resyncTimer);
    await this.starting?.catch(() => {});
    clearTimeout(this.resyncTimer);
    await this.running;
    await this.writer.teardown();
  }
}
