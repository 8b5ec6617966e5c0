// What the archive holds: counts by language and source, the date range, undated articles.
import type { Archive } from '../archive.ts';

export interface ArchiveStats {
  readonly articles: number;
  readonly passages: number;
  readonly byLanguage: readonly { readonly language: string; readonly count: number }[];
  readonly bySource: readonly { readonly source: string | null; readonly count: number }[];
  readonly earliest: string | null;
  readonly latest: string | null;
  readonly undated: number;
  readonly feeds: number;
}

export function archiveStats(archive: Archive): ArchiveStats {
  const { db } = archive;
  const one = <T>(sql: string) => db.prepare<[], T>(sql).get()!;
  const range = one<{ earliest: string | null; latest: string | null }>(
    'SELECT min(date) AS earliest, max(date) AS latest FROM articles WHERE date IS NOT NULL',
  );
  return {
    articles: one<{ n: number }>('SELECT count(*) AS n FROM articles').n,
    passages: one<{ n: number }>('SELECT coalesce(sum(count), 0) AS n FROM passages').n,
    byLanguage: db
      .prepare<[], { language: string; count: number }>('SELECT language, count(*) AS count FROM articles GROUP BY language ORDER BY count DESC, language')
      .all(),
    bySource: db
      .prepare<[], { source: string | null; count: number }>(
        'SELECT source, count(*) AS count FROM articles GROUP BY source ORDER BY count DESC, source LIMIT 20',
      )
      .all(),
    earliest: range.earliest,
    latest: range.latest,
    undated: one<{ n: number }>('SELECT count(*) AS n FROM articles WHERE date IS NULL').n,
    feeds: one<{ n: number }>('SELECT count(DISTINCT feed_url) AS n FROM articles WHERE feed_url IS NOT NULL').n,
  };
}
