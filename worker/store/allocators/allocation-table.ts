// Durable records of allocated addresses and ports, one row per value, so two
// objects can never hold the same one: the insert fails inside the same
// transaction as the object's write.

const SCHEMA = `
CREATE TABLE IF NOT EXISTS allocations (
  pool TEXT NOT NULL, value TEXT NOT NULL, owner TEXT NOT NULL,
  PRIMARY KEY (pool, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS allocations_by_owner ON allocations (owner, pool);
`;

export class AllocationTable {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
  }

  owner(pool: string, value: string): string | undefined {
    return this.sql.exec<{ owner: string }>("SELECT owner FROM allocations WHERE pool = ? AND value = ?", pool, value).toArray()[0]?.owner;
  }

  /** Claims `value` for `owner`; false if someone else holds it. */
  claim(pool: string, value: string, owner: string): boolean {
    const holder = this.owner(pool, value);
    if (holder !== undefined) return holder === owner;
    this.sql.exec("INSERT INTO allocations (pool, value, owner) VALUES (?, ?, ?)", pool, value, owner);
    return true;
  }

  heldBy(pool: string, owner: string): string[] {
    return this.sql
      .exec<{ value: string }>("SELECT value FROM allocations WHERE owner = ? AND pool = ?", owner, pool)
      .toArray()
      .map((row) => row.value);
  }

  release(pool: string, value: string, owner: string): void {
    this.sql.exec("DELETE FROM allocations WHERE pool = ? AND value = ? AND owner = ?", pool, value, owner);
  }

  count(pool: string): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM allocations WHERE pool = ?", pool).one().n;
  }

  /**
   * Claims the first free value, probing from a random start as Kubernetes'
   * allocators do, so consecutive objects do not get predictable addresses.
   */
  claimAny(pool: string, owner: string, size: number, valueAt: (offset: number) => string): string | undefined {
    if (this.count(pool) >= size) return undefined;
    const start = Math.floor(Math.random() * size);
    for (let i = 0; i < size; i++) {
      const value = valueAt((start + i) % size);
      if (this.owner(pool, value) === undefined) {
        this.claim(pool, value, owner);
        return value;
      }
    }
    return undefined;
  }
}
