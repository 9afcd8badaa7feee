// Durable timers for reconcilers. A Durable Object has one alarm, so the
// timers live in a table and the alarm is always armed for the earliest row;
// rows survive restarts where an in-memory timer would not.

export interface Timer {
  kind: string;
  key: string;
  dueAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS timers (
  kind TEXT NOT NULL, key TEXT NOT NULL, due_at INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS timers_by_due ON timers (due_at);
`;

export class TimerQueue {
  /** The alarm time this instance last set; undefined when unknown or unset. */
  private armedFor: number | undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly storage: DurableObjectStorage,
  ) {
    sql.exec(SCHEMA);
  }

  /** Schedules work; a timer already due earlier for the same key is kept. */
  schedule(kind: string, key: string, dueAt: number): void {
    this.sql.exec(
      `INSERT INTO timers (kind, key, due_at) VALUES (?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET due_at = min(due_at, excluded.due_at)`,
      kind,
      key,
      dueAt,
    );
    if (this.armedFor === undefined || dueAt < this.armedFor) this.arm(dueAt);
  }

  /** Removes and returns up to `max` timers due at `now`, earliest first. */
  takeDue(now: number, max: number): Timer[] {
    const due = this.sql
      .exec<{ kind: string; key: string; due_at: number }>(
        "SELECT kind, key, due_at FROM timers WHERE due_at <= ? ORDER BY due_at LIMIT ?",
        now,
        max,
      )
      .toArray()
      .map((row) => ({ kind: row.kind, key: row.key, dueAt: row.due_at }));
    for (const timer of due) this.sql.exec("DELETE FROM timers WHERE kind = ? AND key = ?", timer.kind, timer.key);
    return due;
  }

  /** Re-arms the alarm for the earliest remaining timer, or clears it. */
  rearm(): void {
    const next = this.sql.exec<{ due_at: number | null }>("SELECT min(due_at) AS due_at FROM timers").one().due_at;
    this.armedFor = undefined;
    if (next === null) {
      void this.storage.deleteAlarm();
      return;
    }
    this.arm(next);
  }

  private arm(at: number): void {
    this.armedFor = at;
    // Not awaited: the Durable Object's output gate holds responses until the alarm is durable.
    void this.storage.setAlarm(at);
  }
}
