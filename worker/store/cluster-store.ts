import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";

export class ClusterStore extends DurableObject<Env> {
  ping(): string {
    return "pong";
  }
}
