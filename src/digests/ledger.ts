// The delivery ledger: one row per (channel, kind, local date), claimed with a single INSERT
// before anything is posted, so two instances sharing the store, a restart or a crash can never
// post the same digest twice.
//   claimed  → selection running; a claim older than the lease with no post begun may be retaken
//   posting  → the platform call is under way; never retried (it may have gone through)
//   posted | failed | skipped → final
import type { Db } from '../store/database.ts';

export type DeliveryStatus = 'claimed' | 'posting' | 'posted' | 'failed' | 'skipped';

export interface DeliveryKey {
  readonly channel: string;
  readonly kind: string;
  readonly localDate: string;
}

export interface DeliveryRow {
  readonly channel: string;
  readonly kind: string;
  readonly local_date: string;
  readonly status: DeliveryStatus;
  readonly claimed_by: string;
  readonly claimed_at: string;
  readonly scheduled_for: string;
  readonly late: number;
  readonly attempts: number;
  readonly finished_at: string | null;
  readonly detail: string | null;
}

/** A claim not turned into a post within this time belongs to a process that died. */
export const CLAIM_LEASE_MS = 2 * 60_000;

export function createLedger(db: Db, instanceId: string) {
  const insert = db.prepare(`
    INSERT INTO deliveries (channel, kind, local_date, status, claimed_by, claimed_at, scheduled_for, late)
    VALUES (@channel, @kind, @localDate, 'claimed', @instance, @now, @scheduledFor, @late)
    ON CONFLICT (channel, kind, local_date) DO NOTHING`);
  const retake = db.prepare(`
    UPDATE deliveries SET claimed_by = @instance, claimed_at = @now, late = @late
    WHERE channel = @channel AND kind = @kind AND local_date = @localDate AND status = 'claimed' AND claimed_at < @staleBefore`);
  const setStatus = db.prepare(`
    UPDATE deliveries SET status = @status, attempts = attempts + @attempts, finished_at = @finishedAt, detail = @detail
    WHERE channel = @channel AND kind = @kind AND local_date = @localDate AND claimed_by = @instance`);
  const get = db.prepare<[string, string, string], DeliveryRow>('SELECT * FROM deliveries WHERE channel = ? AND kind = ? AND local_date = ?');

  return {
    /** True when this instance now owns the delivery (a fresh claim, or a stale one retaken). */
    claim(key: DeliveryKey, scheduledFor: Date, now: Date, late: boolean): boolean {
      const params = { ...key, instance: instanceId, now: now.toISOString(), scheduledFor: scheduledFor.toISOString(), late: late ? 1 : 0 };
      return db
        .transaction(() => {
          if (insert.run(params).changes === 1) return true;
          const staleBefore = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
          return retake.run({ ...params, staleBefore }).changes === 1;
        })
        .immediate();
    },
    /** Moves an owned delivery to a new state; false if another instance has taken it over. */
    mark(key: DeliveryKey, status: Exclude<DeliveryStatus, 'claimed'>, now: Date, detail?: string, attempts = 0): boolean {
      const final = status !== 'posting';
      return (
        setStatus.run({ ...key, instance: instanceId, status, attempts, finishedAt: final ? now.toISOString() : null, detail: detail ?? null }).changes === 1
      );
    },
    get(key: DeliveryKey): DeliveryRow | undefined {
      return get.get(key.channel, key.kind, key.localDate);
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
