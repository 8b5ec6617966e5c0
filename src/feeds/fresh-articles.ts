// Articles a feed poll added after the feed's backfill: the news that watches look at. A short
// queue in the store, so an alert waiting for its channel's next batch survives a restart.
import type { Db } from '../store/database.ts';

/** Fresh articles older than this are no longer news to alert about. */
export const FRESH_RETENTION_MS = 2 * 24 * 3_600_000;

export interface FreshArticle {
  /** Position in the queue: the watch notifier's cursor. */
  readonly seq: number;
  readonly articleId: number;
  readonly feedUrl: string;
  readonly foundAt: string;
}

export function createFreshArticles(db: Db) {
  const insert = db.prepare('INSERT OR IGNORE INTO fresh_articles (article_id, feed_url, found_at) VALUES (?, ?, ?)');
  return {
    add(articleIds: readonly number[], feedUrl: string, foundAt: Date): void {
      for (const id of articleIds) insert.run(id, feedUrl, foundAt.toISOString());
    },
    /** Found at or after `since`, after queue position `afterSeq`; in the order found. */
    after(afterSeq: number, since: string): FreshArticle[] {
      return db
        .prepare<[number, string], FreshArticle>(
          `SELECT seq, article_id AS articleId, feed_url AS feedUrl, found_at AS foundAt FROM fresh_articles
           WHERE seq > ? AND found_at >= ? ORDER BY seq`,
        )
        .all(afterSeq, since);
    },
    prune(now: Date): void {
      db.prepare('DELETE FROM fresh_articles WHERE found_at < ?').run(new Date(now.getTime() - FRESH_RETENTION_MS).toISOString());
    },
  };
}

export type FreshArticles = ReturnType<typeof createFreshArticles>;
