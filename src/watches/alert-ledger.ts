// The alert ledger: an article is announced to a channel at most once, across restarts and
// instances, because the (channel, article) row is claimed with one INSERT before anything is
// posted (as the digest ledger does per day). Beside it, each channel's batch slot (at most one
// post per batch interval) and how far its fresh articles have been matched.
//   claimed → posting → posted | failed; skipped = over a batch's cap, counted but not shown
import type { Db } from '../store/database.ts';

export type AlertStatus = 'claimed' | 'posting' | 'posted' | 'failed' | 'skipped';

/** A claim not turned into a post within this time belongs to a process that died. */
export const ALERT_CLAIM_LEASE_MS = 2 * 60_000;

export interface AlertRow {
  readonly channel: string;
  readonly article_id: number;
  readonly watch_id: number;
  readonly status: AlertStatus;
  readonly claimed_by: string;
  readonly claimed_at: string;
  readonly finished_at: string | null;
  readonly detail: string | null;
}

export function createAlertLedger(db: Db, instanceId: string) {
  const claim = db.prepare(`
    INSERT INTO watch_alerts (channel, article_id, watch_id, status, claimed_by, claimed_at)
    VALUES (@channel, @articleId, @watchId, 'claimed', @instance, @now)
    ON CONFLICT (channel, article_id) DO UPDATE SET watch_id = excluded.watch_id, claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
    WHERE watch_alerts.status = 'claimed' AND watch_alerts.claimed_at < @staleBefore`);
  const setStatus = db.prepare(`
    UPDATE watch_alerts SET status = @status, finished_at = @finishedAt, detail = @detail
    WHERE channel = @channel AND article_id = @articleId AND claimed_by = @instance`);
  const slot = db.prepare(`
    INSERT INTO watch_channels (channel, last_post_at) VALUES (@channel, @now)
    ON CONFLICT (channel) DO UPDATE SET last_post_at = excluded.last_post_at
    WHERE watch_channels.last_post_at IS NULL OR watch_channels.last_post_at <= @openFrom`);
  const cursor = db.prepare(`
    INSERT INTO watch_channels (channel, checked_through) VALUES (@channel, @through)
    ON CONFLICT (channel) DO UPDATE SET checked_through = max(watch_channels.checked_through, excluded.checked_through)`);
  const state = db.prepare<[string], { last_post_at: string | null; checked_through: number }>(
    'SELECT last_post_at, checked_through FROM watch_channels WHERE channel = ?',
  );

  return {
    /** When the channel last got a batch, and the last fresh article id already matched for it. */
    channelState(channel: string): { lastPostAt: string | null; checkedThrough: number } {
      const row = state.get(channel);
      return { lastPostAt: row?.last_post_at ?? null, checkedThrough: row?.checked_through ?? 0 };
    },
    slotOpen(channel: string, now: Date, batchMs: number): boolean {
      const last = state.get(channel)?.last_post_at;
      return !last || Date.parse(last) + batchMs <= now.getTime();
    },
    /** Takes the channel's next batch slot; false while the last batch is under batchMs old. */
    claimSlot(channel: string, now: Date, batchMs: number): boolean {
      return slot.run({ channel, now: now.toISOString(), openFrom: new Date(now.getTime() - batchMs).toISOString() }).changes === 1;
    },
    advanceCursor(channel: string, through: number): void {
      cursor.run({ channel, through });
    },
    /** Of these articles, the ones this channel has (or is being given) already. */
    handled(channel: string, articleIds: readonly number[], now: Date): Set<number> {
      const staleBefore = new Date(now.getTime() - ALERT_CLAIM_LEASE_MS).toISOString();
      const rows = db
        .prepare<[string, string, string], { article_id: number }>(
          `SELECT article_id FROM watch_alerts WHERE channel = ? AND article_id IN (SELECT value FROM json_each(?))
           AND NOT (status = 'claimed' AND claimed_at < ?)`,
        )
        .all(channel, JSON.stringify(articleIds), staleBefore);
      return new Set(rows.map((row) => row.article_id));
    },
    /** True when this instance now owns announcing the article to the channel. */
    claim(channel: string, articleId: number, watchId: number, now: Date): boolean {
      const staleBefore = new Date(now.getTime() - ALERT_CLAIM_LEASE_MS).toISOString();
      return claim.run({ channel, articleId, watchId, instance: instanceId, now: now.toISOString(), staleBefore }).changes === 1;
    },
    mark(channel: string, articleIds: readonly number[], status: Exclude<AlertStatus, 'claimed'>, now: Date, detail?: string): void {
      const finishedAt = status === 'posting' ? null : now.toISOString();
      db.transaction(() => {
        for (const articleId of articleIds) setStatus.run({ channel, articleId, status, finishedAt, detail: detail ?? null, instance: instanceId });
      })();
    },
    get(channel: string, articleId: number): AlertRow | undefined {
      return db.prepare<[string, number], AlertRow>('SELECT * FROM watch_alerts WHERE channel = ? AND article_id = ?').get(channel, articleId);
    },
  };
}

export type AlertLedger = ReturnType<typeof createAlertLedger>;
