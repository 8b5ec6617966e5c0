// Digest subscriptions in the store: one per (channel, kind), from /digest or from config/.
import type { Db } from '../store/database.ts';

export interface Subscription {
  readonly id: number;
  readonly channel: string;
  readonly kind: string;
  readonly time: string;
  readonly timeZone: string;
  readonly days: string;
  readonly empty: 'skip' | 'notice';
  readonly status: 'active' | 'paused';
  readonly pausedReason: string | null;
  readonly origin: 'command' | 'config';
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly activeSince: string;
}

export type SubscriptionInput = Pick<Subscription, 'channel' | 'kind' | 'time' | 'timeZone' | 'days' | 'empty' | 'origin'> & {
  readonly createdBy?: string;
};

interface Row {
  id: number;
  channel: string;
  kind: string;
  time: string;
  time_zone: string;
  days: string;
  empty: 'skip' | 'notice';
  status: 'active' | 'paused';
  paused_reason: string | null;
  origin: 'command' | 'config';
  created_by: string | null;
  created_at: string;
  active_since: string;
}

const fromRow = (row: Row): Subscription => ({
  id: row.id,
  channel: row.channel,
  kind: row.kind,
  time: row.time,
  timeZone: row.time_zone,
  days: row.days,
  empty: row.empty,
  status: row.status,
  pausedReason: row.paused_reason,
  origin: row.origin,
  createdBy: row.created_by,
  createdAt: row.created_at,
  activeSince: row.active_since,
});

export function createSubscriptionStore(db: Db) {
  return {
    /** Creates or changes the channel's subscription to a kind; returns it. */
    upsert(input: SubscriptionInput, now: Date): Subscription {
      db.prepare(`
        INSERT INTO subscriptions (channel, kind, time, time_zone, days, empty, status, origin, created_by, created_at, active_since)
        VALUES (@channel, @kind, @time, @timeZone, @days, @empty, 'active', @origin, @createdBy, @now, @now)
        ON CONFLICT (channel, kind) DO UPDATE SET time = excluded.time, time_zone = excluded.time_zone, days = excluded.days,
          empty = excluded.empty, origin = excluded.origin,
          status = CASE WHEN subscriptions.status = 'paused' AND subscriptions.paused_reason IS NOT NULL AND excluded.origin = 'config' THEN subscriptions.status ELSE 'active' END,
          paused_reason = CASE WHEN excluded.origin = 'config' THEN subscriptions.paused_reason ELSE NULL END`).run({
        ...input,
        createdBy: input.createdBy ?? null,
        now: now.toISOString(),
      });
      return this.find(input.channel, input.kind)!;
    },
    find(channel: string, kind: string): Subscription | undefined {
      const row = db.prepare<[string, string], Row>('SELECT * FROM subscriptions WHERE channel = ? AND kind = ?').get(channel, kind);
      return row ? fromRow(row) : undefined;
    },
    forChannel(channel: string): Subscription[] {
      return db.prepare<[string], Row>('SELECT * FROM subscriptions WHERE channel = ? ORDER BY kind').all(channel).map(fromRow);
    },
    all(): Subscription[] {
      return db.prepare<[], Row>('SELECT * FROM subscriptions ORDER BY id').all().map(fromRow);
    },
    remove(channel: string, kind: string): boolean {
      return db.prepare('DELETE FROM subscriptions WHERE channel = ? AND kind = ?').run(channel, kind).changes === 1;
    },
    pause(channel: string, kind: string, reason: string | null): boolean {
      return db.prepare("UPDATE subscriptions SET status = 'paused', paused_reason = ? WHERE channel = ? AND kind = ?").run(reason, channel, kind).changes === 1;
    },
    /** Resumes; occurrences missed while paused are not caught up. */
    resume(channel: string, kind: string, now: Date): boolean {
      return (
        db
          .prepare("UPDATE subscriptions SET status = 'active', paused_reason = NULL, active_since = ? WHERE channel = ? AND kind = ?")
          .run(now.toISOString(), channel, kind).changes === 1
      );
    },
  };
}

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>;
