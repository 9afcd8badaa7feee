// Per-file clusters for controller tests: each test file addresses its own
// Durable Object through /clusters/<name>, runs its alarms by hand and waits
// for the controllers to settle.
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { api, json } from "./api-client.ts";

export class TestCluster {
  readonly base: string;
  private counter = 0;

  constructor(readonly name: string) {
    this.base = `/clusters/${name}`;
  }

  /** The cluster's current revision: a list's resourceVersion. */
  async revision(): Promise<string | undefined> {
    return (await json(await api("GET", `${this.base}/api/v1/namespaces?limit=1`))).metadata.resourceVersion;
  }

  /**
   * Runs alarms until two runs in a row write nothing (timers due later, such
   * as progress deadlines, keep the alarm armed, so "no alarm" is not the only end).
   */
  async settle(times = 25): Promise<void> {
    const stub = env.CLUSTER.get(env.CLUSTER.idFromName(this.name));
    let last = await this.revision();
    let quiet = 0;
    for (let i = 0; i < times && quiet < 2; i++) {
      if (!(await runDurableObjectAlarm(stub))) return;
      const now = await this.revision();
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
  }

  async namespace(prefix: string): Promise<string> {
    const name = `${prefix}-${Date.now().toString(36)}-${this.counter++}`;
    const res = await api("POST", `${this.base}/api/v1/namespaces`, { body: { apiVersion: "v1", kind: "Namespace", metadata: { name } } });
    if (res.status !== 201) throw new Error(`creating namespace ${name}: ${res.status} ${await res.text()}`);
    return name;
  }
}
