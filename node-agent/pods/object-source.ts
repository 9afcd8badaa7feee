// ConfigMaps and Secrets for env vars and volumes, fetched with the node's
// credential and cached briefly (kubelet's TTL cache): volumes refresh from
// here, so a change reaches mounted files within the TTL plus one resync.
// When the control plane is unreachable, the last copy keeps pods going.
import type { ConfigMap, Secret } from "../../worker/schema/kinds.ts";
import { isNotFound } from "../control-plane/api-error.ts";

export interface ObjectSource {
  /** undefined when the object does not exist. */
  configMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  secret(namespace: string, name: string): Promise<Secret | undefined>;
}

export interface ObjectFetcher {
  getConfigMap(namespace: string, name: string): Promise<ConfigMap>;
  getSecret(namespace: string, name: string): Promise<Secret>;
}

interface Cached<T> {
  value: T | undefined;
  fetchedAt: number;
  pending?: Promise<T | undefined>;
}

export const OBJECT_TTL_MS = 20_000;
const MAX_ENTRIES = 512;

export class CachingObjectSource implements ObjectSource {
  private readonly cache = new Map<string, Cached<ConfigMap | Secret>>();

  constructor(
    private readonly fetcher: ObjectFetcher,
    private readonly ttlMs = OBJECT_TTL_MS,
  ) {}

  configMap(namespace: string, name: string): Promise<ConfigMap | undefined> {
    return this.get(`configmap/${namespace}/${name}`, () => this.fetcher.getConfigMap(namespace, name)) as Promise<ConfigMap | undefined>;
  }

  secret(namespace: string, name: string): Promise<Secret | undefined> {
    return this.get(`secret/${namespace}/${name}`, () => this.fetcher.getSecret(namespace, name)) as Promise<Secret | undefined>;
  }

  private get<T extends ConfigMap | Secret>(key: string, fetch: () => Promise<T>): Promise<T | undefined> {
    if (this.cache.size > MAX_ENTRIES) this.evictStale();
    const entry = this.cache.get(key) as Cached<T> | undefined;
    if (entry && Date.now() - entry.fetchedAt < this.ttlMs) return Promise.resolve(entry.value);
    if (entry?.pending) return entry.pending;
    const pending = fetch().then(
      (value): T | undefined => value,
      (error: unknown): T | undefined => {
        if (isNotFound(error)) return undefined;
        // Unreachable or refused: a stale copy is better than failing a running pod's refresh.
        if (entry) return entry.value;
        throw error;
      },
    );
    const slot: Cached<T> = { value: entry?.value, fetchedAt: entry?.fetchedAt ?? 0, pending };
    this.cache.set(key, slot as Cached<ConfigMap | Secret>);
    return pending.then(
      (value) => {
        this.cache.set(key, { value, fetchedAt: Date.now() } as Cached<ConfigMap | Secret>);
        return value;
      },
      (error: unknown) => {
        this.cache.delete(key);
        throw error;
      },
    );
  }

  /** Objects nobody asked for in a while belong to pods that are gone. */
  private evictStale(): void {
    const cutoff = Date.now() - this.ttlMs * 10;
    for (const [key, entry] of this.cache) if (!entry.pending && entry.fetchedAt < cutoff) this.cache.delete(key);
  }
}

/** An in-memory source, for tests and for runtimes driven without a control plane. */
export class StaticObjectSource implements ObjectSource {
  readonly configMaps = new Map<string, ConfigMap>();
  readonly secrets = new Map<string, Secret>();

  async configMap(namespace: string, name: string): Promise<ConfigMap | undefined> {
    return this.configMaps.get(`${namespace}/${name}`);
  }

  async secret(namespace: string, name: string): Promise<Secret | undefined> {
    return this.secrets.get(`${namespace}/${name}`);
  }
}
