// A small client for tests: requests to the Worker under test, with the admin token.
import { SELF } from "cloudflare:test";

export const ADMIN_TOKEN = "test-admin-token";
const BASE = "https://kubeflare.test";

export interface RequestOptions {
  body?: unknown;
  /** Sent as is when a string, else as JSON. */
  contentType?: string;
  accept?: string;
  token?: string | null;
}

export async function api(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.accept) headers.accept = options.accept;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] = options.contentType ?? "application/json";
  }
  return SELF.fetch(`${BASE}${path}`, { method, headers, body });
}

/** The parts of objects, lists, Tables and Statuses that tests look at. */
export interface K8s {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    uid?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    deletionTimestamp?: string;
    finalizers?: string[];
    ownerReferences?: { uid: string; name: string; kind: string; apiVersion: string }[];
    managedFields?: { manager: string; operation: string }[];
    continue?: string;
  };
  spec?: Record<string, unknown> & { replicas?: number };
  status?: Record<string, unknown> & { phase?: string; replicas?: number; selector?: string };
  data?: Record<string, string>;
  items?: K8s[];
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: { field: string; reason: string; message: string }[] };
  rows?: { cells: unknown[]; object: K8s }[];
  columnDefinitions?: { name: string; priority: number }[];
}

export async function json(response: Response): Promise<K8s> {
  return (await response.json()) as K8s;
}

export function configMap(name: string, data: Record<string, string> = {}, labels?: Record<string, string>) {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, ...(labels ? { labels } : {}) }, data };
}

let counter = 0;
/** A fresh namespace per test keeps tests independent inside one cluster object. */
export async function freshNamespace(prefix = "t"): Promise<string> {
  const name = `${prefix}-${Date.now().toString(36)}-${counter++}`;
  const res = await api("POST", "/api/v1/namespaces", { body: { apiVersion: "v1", kind: "Namespace", metadata: { name } } });
  if (res.status !== 201) throw new Error(`creating namespace ${name}: ${res.status} ${await res.text()}`);
  return name;
}

/** Reads newline-delimited watch events until `count` have arrived. */
export interface WatchEvent {
  type: string;
  object: K8s;
}

export async function readEvents(body: ReadableStream<Uint8Array>, count: number): Promise<WatchEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: WatchEvent[] = [];
  let buffer = "";
  while (events.length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0 && events.length < count) {
      events.push(JSON.parse(buffer.slice(0, newline)) as WatchEvent);
      buffer = buffer.slice(newline + 1);
    }
  }
  await reader.cancel();
  return events;
}
