// `kubeflare-agent --simulate N --server URL --token TOKEN`: runs N hollow
// nodes until interrupted, printing a line of counts every 10 s.
// TEST TOOL (like kubemark): the pods it "runs" have no containers.
import { startFleet } from "./fleet.ts";

export interface SimulateOptions {
  server: string;
  joinToken: string;
  nodes: number;
  insecureSkipTlsVerify: boolean;
  prefix?: string;
}

export async function runSimulation(options: SimulateOptions): Promise<number> {
  console.log(`simulating ${options.nodes} hollow node(s) against ${options.server} (test tool: no containers run)`);
  const started = performance.now();
  const fleet = await startFleet(options);
  console.log(`${fleet.names.length} node(s) registered in ${Math.round(performance.now() - started)} ms`);
  const report = setInterval(() => {
    const s = fleet.stats;
    console.log(`nodes ${s.nodesRegistered}, pods running ${s.podsReported}, deletions ${s.deletionsConfirmed}, lease renewals ${s.leaseRenewals}, errors ${s.errors}${s.lastError ? ` (last: ${s.lastError})` : ""}`);
  }, 10_000);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(report);
  fleet.stop();
  return 0;
}
