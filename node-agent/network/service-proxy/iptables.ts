// Applying one agent's rules to the kernel. Every agent on a host owns only
// chains with its own prefix plus its jump rules in the built-in chains, and
// never touches another agent's; iptables' host-wide xtables lock (-w)
// serialises the writers. iptables-restore --noflush swaps each table's
// chains in one transaction, so a packet sees the old rules or the new ones.
import { mustRun } from "../exec.ts";
import type { Runner } from "../exec.ts";
import { baseChains, teardownRules } from "./rules.ts";
import type { RuleSet } from "./rules.ts";

interface Hook {
  table: "nat" | "filter";
  chain: string;
  rule: string[];
}

export function hooks(prefix: string, nodeName: string): Hook[] {
  const chains = baseChains(prefix);
  const tag = ["-m", "comment", "--comment", `kubeflare ${nodeName}`];
  return [
    { table: "nat", chain: "PREROUTING", rule: [...tag, "-j", chains.services] },
    { table: "nat", chain: "OUTPUT", rule: [...tag, "-j", chains.services] },
    { table: "nat", chain: "POSTROUTING", rule: [...tag, "-j", chains.postrouting] },
    { table: "filter", chain: "INPUT", rule: ["-m", "conntrack", "--ctstate", "NEW", ...tag, "-j", chains.reject] },
    { table: "filter", chain: "FORWARD", rule: ["-m", "conntrack", "--ctstate", "NEW", ...tag, "-j", chains.reject] },
    { table: "filter", chain: "OUTPUT", rule: ["-m", "conntrack", "--ctstate", "NEW", ...tag, "-j", chains.reject] },
  ];
}

export class IptablesWriter {
  constructor(
    private readonly run: Runner,
    private readonly prefix: string,
    private readonly nodeName: string,
  ) {}

  /** Our nat chains as they exist now, so a sync can delete the ones no longer wanted. */
  async existingChains(table: "nat" | "filter"): Promise<string[]> {
    const saved = await mustRun(this.run, "iptables-save", ["-t", table]);
    const chains: string[] = [];
    for (const line of saved.split("\n")) {
      const match = /^:(\S+)/.exec(line);
      if (match && match[1].startsWith(`${this.prefix}-`)) chains.push(match[1]);
    }
    return chains;
  }

  async apply(rules: RuleSet): Promise<void> {
    await mustRun(this.run, "iptables-restore", ["-w", "5", "--noflush"], rules.nat + rules.filter);
  }

  /** Inserts our jumps at the top of the built-in chains unless present (idempotent; safe to repeat). */
  async ensureHooks(): Promise<void> {
    for (const hook of hooks(this.prefix, this.nodeName)) {
      const check = await this.run("iptables", ["-w", "5", "-t", hook.table, "-C", hook.chain, ...hook.rule]);
      if (check.code === 0) continue;
      await mustRun(this.run, "iptables", ["-w", "5", "-t", hook.table, "-I", hook.chain, "1", ...hook.rule]);
    }
  }

  /** Removes our jumps and chains; other agents' rules stay as they are. */
  async teardown(): Promise<void> {
    for (const hook of hooks(this.prefix, this.nodeName)) {
      // Delete every copy, in case an earlier crash left duplicates.
      for (let i = 0; i < 10; i++) {
        const removed = await this.run("iptables", ["-w", "5", "-t", hook.table, "-D", hook.chain, ...hook.rule]);
        if (removed.code !== 0) break;
      }
    }
    const nat = await this.existingChains("nat");
    const filter = await this.existingChains("filter");
    if (nat.length > 0) await mustRun(this.run, "iptables-restore", ["-w", "5", "--noflush"], teardownRules("nat", nat));
    if (filter.length > 0) await mustRun(this.run, "iptables-restore", ["-w", "5", "--noflush"], teardownRules("filter", filter));
  }
}
