// Messages on the WebSocket a node agent opens to the control plane
// (GET /kubeflare/v1/nodes/<node>/tunnel). The control plane never dials a
// node: requests that need one (logs now; exec and port-forward later)
// travel down this connection and their answers stream back up.
import { z } from "zod";

export const TUNNEL_PATH = (nodeName: string) => `/kubeflare/v1/nodes/${encodeURIComponent(nodeName)}/tunnel`;

export const LogRequestSchema = z.object({
  type: z.literal("logs"),
  /** Correlates the answers with this request. */
  id: z.string(),
  namespace: z.string(),
  pod: z.string(),
  uid: z.string(),
  container: z.string(),
  follow: z.boolean(),
  previous: z.boolean(),
  timestamps: z.boolean(),
  tailLines: z.number().int().nonnegative().optional(),
  sinceSeconds: z.number().int().positive().optional(),
  limitBytes: z.number().int().positive().optional(),
});

export const CancelSchema = z.object({ type: z.literal("cancel"), id: z.string() });

/** Control plane → agent. */
export const DownstreamSchema = z.discriminatedUnion("type", [LogRequestSchema, CancelSchema]);

/** Agent → control plane: chunks of an answer, then its end (or an error with an HTTP code). */
export const UpstreamSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("data"), id: z.string(), data: z.string() }),
  z.object({ type: z.literal("end"), id: z.string() }),
  z.object({ type: z.literal("error"), id: z.string(), code: z.number().int(), message: z.string() }),
]);

export type LogRequest = z.infer<typeof LogRequestSchema>;
export type Downstream = z.infer<typeof DownstreamSchema>;
export type Upstream = z.infer<typeof UpstreamSchema>;
