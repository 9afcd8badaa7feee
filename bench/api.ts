// `npm run bench -- api [--clients 50] [--seconds 10]`: concurrent clients
// create, read, update, list and delete ConfigMaps against a local control
// plane (wrangler dev, miniflare), reporting latency percentiles per verb.
import { BenchClient } from "./lib/http.ts";
import type { Summary } from "./lib/stats.ts";
import { summarize } from "./lib/stats.ts";
import { withControlPlane } from "./lib/control-plane.ts";
import { integerOption } from "./lib/options.ts";

type Verb = "create" | "get" | "update" | "list" | "delete";
const MUTATING: Verb[] = ["create", "update", "delete"];

export async function runApiBench(argv: string[]): Promise<Record<string, unknown>> {
  const clients = integerOption(argv, "clients", 50);
  const seconds = integerOption(argv, "seconds", 10);
  return withControlPlane(async ({ server, token }) => {
    const http = new BenchClient(server, token, clients);
    const namespace = `bench-${Date.now().toString(36)}`;
    const created = await http.send("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
    if (created.status !== 201) throw new Error(`creating namespace: ${created.status} ${created.body}`);
    const base = `/api/v1/namespaces/${namespace}/configmaps`;
    const latencies = new Map<Verb, number[]>(["create", "get", "update", "list", "delete"].map((v) => [v as Verb, []]));
    const failures: string[] = [];
    const deadline = Date.now() + seconds * 1000;
    let operations = 0;

    async function timed(verb: Verb, method: string, path: string, body: unknown, expect: number): Promise<string | undefined> {
      const started = performance.now();
      const res = await http.send(method, path, body);
      latencies.get(verb)!.push(performance.now() - started);
      operations++;
      if (res.status !== expect) {
        failures.push(`${verb} ${path}: ${res.status} ${res.body.slice(0, 200)}`);
        return undefined;
      }
      return res.body;
    }

    async function client(id: number): Promise<void> {
      for (let i = 0; Date.now() < deadline; i++) {
        const name = `c${id}-${i}`;
        const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { client: String(id) } }, data: { i: String(i) } };
        if (!(await timed("create", "POST", base, body, 201))) continue;
        const fetched = await timed("get", "GET", `${base}/${name}`, undefined, 200);
        if (fetched) {
          const object = JSON.parse(fetched) as { data: Record<string, string> };
          object.data.updated = "yes";
          await timed("update", "PUT", `${base}/${name}`, object, 200);
        }
        await timed("list", "GET", `${base}?labelSelector=client%3D${id}&limit=50`, undefined, 200);
        await timed("delete", "DELETE", `${base}/${name}`, undefined, 200);
      }
    }

    const progress = setInterval(() => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      console.log(`  ${operations} operations, ${failures.length} errors, ${left}s left`);
    }, 2000);
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, (_, id) => client(id)));
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(progress);
    http.close();

    const perVerb = Object.fromEntries([...latencies].map(([verb, samples]) => [verb, summarize(samples)])) as Record<Verb, Summary>;
    const mutating = summarize(MUTATING.flatMap((verb) => latencies.get(verb)!));
    for (const failure of failures.slice(0, 5)) console.log(`  error: ${failure}`);
    return {
      benchmark: "api",
      clients,
      seconds: Math.round(elapsed * 10) / 10,
      operations,
      opsPerSecond: Math.round(operations / elapsed),
      errors: failures.length,
      mutatingP99Ms: mutating.p99,
      latencyMs: perVerb,
      targets: { mutatingP99Ms: 50, opsPerSecond: 1000, errors: 0 },
    };
  });
}
