// A light, steady stream of ordinary API calls (ConfigMap create, get,
// update, label-selected list, delete) whose latencies show what users feel
// while something else loads the control plane.
import type { BenchClient } from "./http.ts";

export class ApiProbe {
  private readonly samples: { at: number; ms: number; ok: boolean }[] = [];
  private stopped = false;
  private running: Promise<void>[] = [];

  /** `pauseMs` between calls keeps the probe itself from being the load it measures. */
  constructor(private readonly http: BenchClient, private readonly namespace: string, private readonly pauseMs = 50) {}

  start(clients: number): void {
    this.running = Array.from({ length: clients }, (_, id) => this.client(id));
  }

  private async timed(method: string, path: string, body: unknown, expect: number): Promise<string | undefined> {
    const started = performance.now();
    let ok = false;
    let text: string | undefined;
    try {
      const res = await this.http.send(method, path, body);
      ok = res.status === expect;
      text = res.body;
    } catch {
      ok = false;
    }
    this.samples.push({ at: started, ms: performance.now() - started, ok });
    await new Promise((r) => setTimeout(r, this.pauseMs));
    return ok ? text : undefined;
  }

  private async client(id: number): Promise<void> {
    const base = `/api/v1/namespaces/${this.namespace}/configmaps`;
    for (let i = 0; !this.stopped; i++) {
      const name = `probe-${id}-${i}`;
      await this.timed("POST", base, { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { probe: String(id) } }, data: { i: String(i) } }, 201);
      const got = await this.timed("GET", `${base}/${name}`, undefined, 200);
      if (got) {
        const object = JSON.parse(got) as { data?: Record<string, string> };
        object.data = { ...object.data, updated: "yes" };
        await this.timed("PUT", `${base}/${name}`, object, 200);
      }
      await this.timed("GET", `${base}?labelSelector=probe%3D${id}&limit=50`, undefined, 200);
      await this.timed("DELETE", `${base}/${name}`, undefined, 200);
    }
  }

  /** Latencies (ms) and failures of calls started in [from, to) (performance.now() times). */
  window(from: number, to = Infinity): { latencies: number[]; errors: number } {
    const picked = this.samples.filter((s) => s.at >= from && s.at < to);
    return { latencies: picked.map((s) => s.ms), errors: picked.filter((s) => !s.ok).length };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }
}
