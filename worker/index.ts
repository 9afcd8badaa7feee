import type { Env } from "./env.ts";
export { ClusterStore } from "./store/cluster-store.ts";

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const stub = env.CLUSTER.get(env.CLUSTER.idFromName("default"));
    return new Response(await stub.ping());
  },
} satisfies ExportedHandler<Env>;
