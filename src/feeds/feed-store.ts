// The feed registry in the store: which feeds are polled (from config/ or /feeds add), and how
// their polls went (validators for conditional GET, last success and error, failures in a row,
// when to poll next). Every state change is one UPDATE, so instances sharing a store agree.
import type { FeedConfig } from '../../config/schema.ts';
import type { Language } from '../core/types.ts';
import type { Db } from '../store/database.ts';

export const DEFAULT_INTERVAL_MINUTES = 15;

export interface Feed {
  readonly id: number;
  readonly url: string;
  readonly name: string | null;
  readonly language: Language | null;
  readonly intervalMinutes: number;
  readonly origin: 'config' | 'command';
  readonly addedBy: string | null;
  readonly addedAt: string;
  /** The feed's own title, from its last good poll. */
  readonly title: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** A poll has read it: items that appear from now on are news (alerts), not backfill. */
  readonly backfilled: boolean;
  readonly nextPollAt: string;
  readonly lastPollAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly consecutiveFailures: number;
  /** The admin channel has been told that this feed fails (and not yet that it recovered). */
  readonly failureNoticed: boolean;
}

export interface FeedInput {
  readonly url: string;
  readonly name?: string;
  readonly language?: Language;
  readonly intervalMinutes: number;
  readonly addedBy?: string;
}

interface Row {
  id: number;
  url: string;
  name: string | null;
  language: Language | null;
  interval_minutes: number;
  origin: 'config' | 'command';
  added_by: string | null;
  added_at: string;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  backfilled: number;
  next_poll_at: string;
  last_poll_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  failure_noticed: number;
}

const fromRow = (row: Row): Feed => ({
  id: row.id,
  url: row.url,
  name: row.name,
  language: row.language,
  intervalMinutes: row.interval_minutes,
  origin: row.origin,
  addedBy: row.added_by,
  addedAt: row.added_at,
  title: row.title,
  etag: row.etag,
  lastModified: row.last_modified,
  backfilled: row.backfilled === 1,
  nextPollAt: row.next_poll_at,
  lastPollAt: row.last_poll_at,
  lastSuccessAt: row.last_success_at,
  lastError: row.last_error,
  lastErrorAt: row.last_error_at,
  consecutiveFailures: row.consecutive_failures,
  failureNoticed: row.failure_noticed === 1,
});

/** What a feed is called in lists and notices. */
export function feedLabel(feed: Pick<Feed, 'name' | 'title' | 'url'>): string {
  return feed.name ?? feed.title ?? feed.url;
}

export function createFeedStore(db: Db) {
  const byUrl = db.prepare<[string], Row>('SELECT * FROM feeds WHERE url = ?');
  const byId = db.prepare<[number], Row>('SELECT * FROM feeds WHERE id = ?');
  const insert = db.prepare(`
    INSERT INTO feeds (url, name, language, interval_minutes, origin, added_by, added_at, next_poll_at)
    VALUES (@url, @name, @language, @intervalMinutes, @origin, @addedBy, @now, @now)
    ON CONFLICT (url) DO NOTHING`);

  return {
    /**
     * Makes the store's config feeds exactly those in config/ (run at start-up). A feed first
     * added by /feeds add and then written into config/ becomes a config feed.
     */
    syncConfigured(feeds: readonly FeedConfig[], now: Date): void {
      const upsert = db.prepare(`
        INSERT INTO feeds (url, name, language, interval_minutes, origin, added_at, next_poll_at)
        VALUES (@url, @name, @language, @intervalMinutes, 'config', @now, @now)
        ON CONFLICT (url) DO UPDATE SET name = excluded.name, language = excluded.language,
          interval_minutes = excluded.interval_minutes, origin = 'config'`);
      db.transaction(() => {
        for (const feed of feeds) {
          upsert.run({ url: feed.url, name: feed.name ?? null, language: feed.language ?? null, intervalMinutes: feed.intervalMinutes, now: now.toISOString() });
        }
        db.prepare("DELETE FROM feeds WHERE origin = 'config' AND url NOT IN (SELECT value FROM json_each(?))").run(JSON.stringify(feeds.map((feed) => feed.url)));
      }).immediate();
    },
    /** Adds a feed (due at once); `added` is false when the URL was already there. */
    add(input: FeedInput, now: Date): { added: boolean; feed: Feed } {
      const changes = insert.run({
        url: input.url,
        name: input.name ?? null,
        language: input.language ?? null,
        intervalMinutes: input.intervalMinutes,
        origin: 'command',
        addedBy: input.addedBy ?? null,
        now: now.toISOString(),
      }).changes;
      return { added: changes === 1, feed: fromRow(byUrl.get(input.url)!) };
    },
    /** Stops polling a feed added by command; its articles stay in the archive. */
    remove(url: string): 'removed' | 'missing' | 'configured' {
      const row = byUrl.get(url);
      if (!row) return 'missing';
      if (row.origin === 'config') return 'configured';
      db.prepare('DELETE FROM feeds WHERE id = ?').run(row.id);
      return 'removed';
    },
    find(url: string): Feed | undefined {
      const row = byUrl.get(url);
      return row ? fromRow(row) : undefined;
    },
    get(id: number): Feed | undefined {
      const row = byId.get(id);
      return row ? fromRow(row) : undefined;
    },
    all(): Feed[] {
      return db.prepare<[], Row>('SELECT * FROM feeds ORDER BY id').all().map(fromRow);
    },
    due(now: Date): Feed[] {
      return db.prepare<[string], Row>('SELECT * FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at, id').all(now.toISOString()).map(fromRow);
    },
    /**
     * Takes the feed's next poll for this process by moving next_poll_at to the end of a lease;
     * false when another instance took it first (or the feed was removed or changed).
     */
    claim(feed: Feed, leaseUntil: Date): boolean {
      return (
        db
          .prepare('UPDATE feeds SET next_poll_at = ? WHERE id = ? AND next_poll_at = ?')
          .run(leaseUntil.toISOString(), feed.id, feed.nextPollAt).changes === 1
      );
    },
    /** Gives back a claimed poll that never ran (shutdown): due again as before. */
    release(feed: Feed, leaseUntil: Date): void {
      db.prepare('UPDATE feeds SET next_poll_at = ? WHERE id = ? AND next_poll_at = ?').run(feed.nextPollAt, feed.id, leaseUntil.toISOString());
    },
    /** A poll that worked (also a 304): validators kept, failures cleared, next poll set. */
    recordSuccess(
      id: number,
      outcome: { now: Date; nextPollAt: Date; etag?: string; lastModified?: string; title?: string; read: boolean },
    ): void {
      db.prepare(`
        UPDATE feeds SET etag = @etag, last_modified = @lastModified, title = coalesce(@title, title),
          backfilled = CASE WHEN @read = 1 THEN 1 ELSE backfilled END,
          next_poll_at = @nextPollAt, last_poll_at = @now, last_success_at = @now, consecutive_failures = 0
        WHERE id = @id`).run({
        id,
        etag: outcome.etag ?? null,
        lastModified: outcome.lastModified ?? null,
        title: outcome.title ?? null,
        read: outcome.read ? 1 : 0,
        nextPollAt: outcome.nextPollAt.toISOString(),
        now: outcome.now.toISOString(),
      });
    },
    /** A failed poll; returns the failures in a row now counted. */
    recordFailure(id: number, outcome: { now: Date; nextPollAt: (failures: number) => Date; error: string }): number {
      return db
        .transaction(() => {
          const row = byId.get(id);
          if (!row) return 0;
          const failures = row.consecutive_failures + 1;
          db.prepare(`
            UPDATE feeds SET consecutive_failures = @failures, last_error = @error, last_error_at = @now, last_poll_at = @now,
              next_poll_at = @nextPollAt
            WHERE id = @id`).run({ id, failures, error: outcome.error, now: outcome.now.toISOString(), nextPollAt: outcome.nextPollAt(failures).toISOString() });
          return failures;
        })
        .immediate();
    },
    /** Claims the one failure notice of a bad spell; false if it was already sent. */
    claimFailureNotice(id: number): boolean {
      return db.prepare('UPDATE feeds SET failure_noticed = 1 WHERE id = ? AND failure_noticed = 0').run(id).changes === 1;
    },
    /** Claims the one recovery notice after a failure notice; false if there is none to send. */
    claimRecoveryNotice(id: number): boolean {
      return db.prepare('UPDATE feeds SET failure_noticed = 0 WHERE id = ? AND failure_noticed = 1').run(id).changes === 1;
    },
    articleCount(url: string): number {
      return db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM articles WHERE feed_url = ?').get(url)!.n;
    },
  };
}

export type FeedStore = ReturnType<typeof createFeedStore>;
