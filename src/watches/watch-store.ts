// Channel watches in the store: "tell this channel about new articles matching this query",
// one row per (channel, mode, query), from /watch.
import type { Db } from '../store/database.ts';

export type WatchMode = 'search' | 'summit';

export interface Watch {
  readonly id: number;
  readonly channel: string;
  readonly mode: WatchMode;
  readonly query: string;
  readonly status: 'active' | 'paused';
  readonly pausedReason: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  /** Only articles found from this instant on are announced (set again when a paused watch resumes). */
  readonly activeSince: string;
}

export interface WatchInput {
  readonly channel: string;
  readonly mode: WatchMode;
  readonly query: string;
  readonly createdBy?: string;
}

interface Row {
  id: number;
  channel: string;
  mode: WatchMode;
  query: string;
  status: 'active' | 'paused';
  paused_reason: string | null;
  created_by: string | null;
  created_at: string;
  active_since: string;
}

const fromRow = (row: Row): Watch => ({
  id: row.id,
  channel: row.channel,
  mode: row.mode,
  query: row.query,
  status: row.status,
  pausedReason: row.paused_reason,
  createdBy: row.created_by,
  createdAt: row.created_at,
  activeSince: row.active_since,
});

export function createWatchStore(db: Db) {
  const find = db.prepare<[string, WatchMode, string], Row>('SELECT * FROM watches WHERE channel = ? AND mode = ? AND query = ?');
  return {
    /** Adds a watch; `created` is false when the channel already had it (a paused one is resumed). */
    add(input: WatchInput, now: Date): { created: boolean; watch: Watch } {
      const existing = find.get(input.channel, input.mode, input.query);
      if (existing) {
        if (existing.status === 'paused') {
          db.prepare("UPDATE watches SET status = 'active', paused_reason = NULL, active_since = ? WHERE id = ?").run(now.toISOString(), existing.id);
        }
        return { created: false, watch: fromRow(find.get(input.channel, input.mode, input.query)!) };
      }
      db.prepare(`
        INSERT INTO watches (channel, mode, query, status, created_by, created_at, active_since)
        VALUES (@channel, @mode, @query, 'active', @createdBy, @now, @now)`).run({ ...input, createdBy: input.createdBy ?? null, now: now.toISOString() });
      return { created: true, watch: fromRow(find.get(input.channel, input.mode, input.query)!) };
    },
    /** Removes a watch of this channel; false when the channel has no watch with that id. */
    remove(channel: string, id: number): boolean {
      return db.prepare('DELETE FROM watches WHERE channel = ? AND id = ?').run(channel, id).changes === 1;
    },
    forChannel(channel: string): Watch[] {
      return db.prepare<[string], Row>('SELECT * FROM watches WHERE channel = ? ORDER BY id').all(channel).map(fromRow);
    },
    active(): Watch[] {
      return db.prepare<[], Row>("SELECT * FROM watches WHERE status = 'active' ORDER BY channel, id").all().map(fromRow);
    },
    /** The bot can no longer post there: stop trying until someone sets a watch there again. */
    pauseChannel(channel: string, reason: string): void {
      db.prepare("UPDATE watches SET status = 'paused', paused_reason = ? WHERE channel = ?").run(reason, channel);
    },
  };
}

export type WatchStore = ReturnType<typeof createWatchStore>;
