// The cluster's state as an append-only revision log over SQLite, after kine
// (k3s' etcd shim), simplified by the Durable Object being the only writer:
// `objects` holds each key's current value, `changes` one row per revision.
// A revision is never reused or skipped, so a watcher that has seen revision N
// misses nothing by replaying the rows after N.
import type { KubeObject } from "../apimachinery/object.ts";
import type { SecretCipher } from "./secret-cipher.ts";

export type ChangeType = "ADDED" | "MODIFIED" | "DELETED";

export interface Change {
  revision: number;
  type: ChangeType;
  resource: string;
  object: KubeObject;
}

export interface ObjectKey {
  resource: string;
  /** "" for cluster-scoped objects. */
  namespace: string;
  name: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS objects (
  resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
  revision INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (resource, namespace, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes (
  revision INTEGER PRIMARY KEY, type TEXT NOT NULL, resource TEXT NOT NULL,
  namespace TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_by_resource ON changes (resource, revision);
CREATE TABLE IF NOT EXISTS owner_refs (
  owner_uid TEXT NOT NULL, resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (owner_uid, resource, namespace, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS owner_refs_by_dependent ON owner_refs (resource, namespace, name);
CREATE INDEX IF NOT EXISTS pods_by_node ON objects (json_extract(data, '$.spec.nodeName')) WHERE resource = 'pods';
CREATE INDEX IF NOT EXISTS pod_changes_by_node ON changes (json_extract(data, '$.spec.nodeName'), revision) WHERE resource = 'pods';
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

/** Resources whose stored bytes are encrypted (values and their base64 alike). */
const ENCRYPTED_RESOURCES = new Set(["secrets"]);

export class RevisionLog {
  private currentRevision: number;
  private compacted: number;

  constructor(
    private readonly sql: SqlStorage,
    private readonly cipher: () => SecretCipher,
  ) {
    sql.exec(SCHEMA);
    this.currentRevision = this.counter("revision");
    this.compacted = this.counter("compacted");
  }

  get revision(): number {
    return this.currentRevision;
  }

  /** Revisions at or below this one are no longer in the change log. */
  get compactedRevision(): number {
    return this.compacted;
  }

  read(key: ObjectKey): KubeObject | undefined {
    const row = this.sql
      .exec<{ data: string }>(
        "SELECT data FROM objects WHERE resource = ? AND namespace = ? AND name = ?",
        key.resource,
        key.namespace,
        key.name,
      )
      .toArray()[0];
    return row ? this.decode(key.resource, row.data) : undefined;
  }

  /** Objects of a resource in key order, optionally within a namespace and after a key. */
  *scan(resource: string, namespace?: string, after?: { namespace: string; name: string }): Generator<KubeObject> {
    const clauses = ["resource = ?"];
    const params: (string | number)[] = [resource];
    if (namespace !== undefined) {
      clauses.push("namespace = ?");
      params.push(namespace);
    }
    if (after) {
      clauses.push("(namespace > ? OR (namespace = ? AND name > ?))");
      params.push(after.namespace, after.namespace, after.name);
    }
    const cursor = this.sql.exec<{ data: string }>(
      `SELECT data FROM objects WHERE ${clauses.join(" AND ")} ORDER BY namespace, name`,
      ...params,
    );
    for (const row of cursor) yield this.decode(resource, row.data);
  }

  /**
   * Appends one revision: stores `object` (or removes it, for DELETED) and its
   * change row. Sets `metadata.resourceVersion` on the object it is given.
   * Callers run it inside the write path's transaction.
   */
  append(type: ChangeType, resource: string, object: KubeObject): Change {
    const revision = this.currentRevision + 1;
    object.metadata.resourceVersion = String(revision);
    const namespace = object.metadata.namespace ?? "";
    const name = object.metadata.name ?? "";
    const data = this.encode(resource, object);
    if (type === "DELETED") {
      this.sql.exec("DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?", resource, namespace, name);
    } else {
      this.sql.exec(
        "INSERT OR REPLACE INTO objects (resource, namespace, name, revision, data) VALUES (?, ?, ?, ?, ?)",
        resource,
        namespace,
        name,
        revision,
        data,
      );
    }
    this.indexOwners(resource, namespace, name, type === "DELETED" ? [] : object.metadata.ownerReferences ?? []);
    this.sql.exec(
      "INSERT INTO changes (revision, type, resource, namespace, name, data) VALUES (?, ?, ?, ?, ?, ?)",
      revision,
      type,
      resource,
      namespace,
      name,
      data,
    );
    this.setCounter("revision", revision);
    this.currentRevision = revision;
    return { revision, type, resource, object };
  }

  /** Pods bound to a node, through the index on spec.nodeName. */
  podsOnNode(nodeName: string): KubeObject[] {
    return this.sql
      .exec<{ data: string }>(
        "SELECT data FROM objects WHERE resource = 'pods' AND json_extract(data, '$.spec.nodeName') = ? ORDER BY namespace, name",
        nodeName,
      )
      .toArray()
      .map((row) => JSON.parse(row.data) as KubeObject);
  }

  /** Whether any pod bound to the node changed after `revision` (true if that history was compacted). */
  podsOnNodeChangedSince(nodeName: string, revision: number): boolean {
    if (revision < this.compacted) return true;
    return (
      this.sql
        .exec(
          "SELECT 1 FROM changes WHERE resource = 'pods' AND json_extract(data, '$.spec.nodeName') = ? AND revision > ? LIMIT 1",
          nodeName,
          revision,
        )
        .toArray().length > 0
    );
  }

  /** Keys of the objects that name `ownerUid` in their ownerReferences. */
  dependentsOf(ownerUid: string, limit: number): ObjectKey[] {
    return this.sql
      .exec<{ resource: string; namespace: string; name: string }>(
        "SELECT resource, namespace, name FROM owner_refs WHERE owner_uid = ? LIMIT ?",
        ownerUid,
        limit,
      )
      .toArray()
      .map((row) => ({ resource: row.resource, namespace: row.namespace, name: row.name }));
  }

  /** The objects of one resource that name `ownerUid` in their ownerReferences, in one query. */
  dependentObjects(ownerUid: string, resource: string, limit: number): KubeObject[] {
    return this.sql
      .exec<{ data: string }>(
        `SELECT o.data FROM owner_refs r
         JOIN objects o ON o.resource = r.resource AND o.namespace = r.namespace AND o.name = r.name
         WHERE r.owner_uid = ? AND r.resource = ? LIMIT ?`,
        ownerUid,
        resource,
        limit,
      )
      .toArray()
      .map((row) => this.decode(resource, row.data));
  }

  private indexOwners(resource: string, namespace: string, name: string, owners: readonly { uid: string }[]): void {
    this.sql.exec("DELETE FROM owner_refs WHERE resource = ? AND namespace = ? AND name = ?", resource, namespace, name);
    for (const owner of owners) {
      this.sql.exec(
        "INSERT OR IGNORE INTO owner_refs (owner_uid, resource, namespace, name) VALUES (?, ?, ?, ?)",
        owner.uid,
        resource,
        namespace,
        name,
      );
    }
  }

  /** Rolls the in-memory revision back after an aborted transaction. */
  reloadCounters(): void {
    this.currentRevision = this.counter("revision");
    this.compacted = this.counter("compacted");
  }

  /** Changes after `revision` for one resource, oldest first. */
  *changesSince(resource: string, revision: number): Generator<Change> {
    const cursor = this.sql.exec<{ revision: number; type: ChangeType; data: string }>(
      "SELECT revision, type, data FROM changes WHERE resource = ? AND revision > ? ORDER BY revision",
      resource,
      revision,
    );
    for (const row of cursor) {
      yield { revision: row.revision, type: row.type, resource, object: this.decode(resource, row.data) };
    }
  }

  /**
   * Drops change rows so that at most `keep` recent revisions remain, deleting
   * no more than `batch` rows per call. Returns how many rows are still over.
   */
  compact(keep: number, batch: number): number {
    const target = this.currentRevision - keep;
    if (target <= this.compacted) return 0;
    const upTo = Math.min(target, this.compacted + batch);
    this.sql.exec("DELETE FROM changes WHERE revision <= ?", upTo);
    this.compacted = upTo;
    this.setCounter("compacted", upTo);
    return target - upTo;
  }

  private encode(resource: string, object: KubeObject): string {
    const json = JSON.stringify(object);
    return ENCRYPTED_RESOURCES.has(resource) ? this.cipher().encrypt(json) : json;
  }

  private decode(resource: string, data: string): KubeObject {
    const json = ENCRYPTED_RESOURCES.has(resource) ? this.cipher().decrypt(data) : data;
    return JSON.parse(json) as KubeObject;
  }

  private counter(name: string): number {
    const row = this.sql.exec<{ value: number }>("SELECT value FROM counters WHERE name = ?", name).toArray()[0];
    return row?.value ?? 0;
  }

  private setCounter(name: string, value: number): void {
    this.sql.exec("INSERT OR REPLACE INTO counters (name, value) VALUES (?, ?)", name, value);
  }
}
