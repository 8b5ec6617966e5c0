// Which of the given new articles a watch matches, each as a dated excerpt, with exactly the
// matching of /search (every word, each word's forms OR'ed; no relaxing to "any word") or of
// /summit (every name, and a sentence about their meeting, call or summit).
import type { Archive } from '../archive.ts';
import type { ReplyItem } from '../core/types.ts';
import { buildExcerpt } from '../search/excerpt.ts';
import { allForms, analyseQuery, matchExpression, type TermGroup } from '../search/query.ts';
import { ARTICLE_COLUMNS, bodyOf, itemFrom, passagesOf, type ArticleRow } from '../search/rows.ts';
import { bestPassage } from '../search/search.ts';
import { findMeetings } from '../search/summit.ts';
import type { Watch } from './watch-store.ts';

export interface WatchMatch {
  readonly articleId: number;
  readonly watch: Watch;
  readonly item: ReplyItem;
  /** Sorts "oldest first": the publication instant, else the day, else when the poll found it. */
  readonly order: string;
}

export interface Candidate {
  readonly articleId: number;
  readonly foundAt: string;
}

type CandidateRow = ArticleRow & { readonly published_at: string | null };

export function matchWatch(archive: Archive, watch: Watch, candidates: readonly Candidate[]): WatchMatch[] {
  if (candidates.length === 0) return [];
  const groups = analyseQuery(watch.query, archive.analyzer, archive.isKnownName).groups;
  if (groups.length === 0) return [];
  // Every word (or name) must be in the article: the index answers that for /search and /summit alike.
  const rows = archive.db
    .prepare<[string, string], CandidateRow>(
      `SELECT ${ARTICLE_COLUMNS}, a.published_at FROM article_terms JOIN articles a ON a.id = article_terms.rowid
       WHERE article_terms MATCH ? AND a.id IN (SELECT value FROM json_each(?))`,
    )
    .all(matchExpression(groups), JSON.stringify(candidates.map((candidate) => candidate.articleId)));
  if (rows.length === 0) return [];
  const foundAt = new Map(candidates.map((candidate) => [candidate.articleId, candidate.foundAt]));
  const order = (row: CandidateRow) => row.published_at ?? (row.date_start ? `${row.date_start}T00:00:00.000Z` : foundAt.get(row.id) ?? '');
  const items = watch.mode === 'summit' ? meetingItems(archive, watch, rows) : searchItems(archive, groups, rows);
  return rows.flatMap((row) => {
    const item = items.get(row.id);
    return item ? [{ articleId: row.id, watch, item, order: order(row) }] : [];
  });
}

/** As /search builds its items: the best passage for the words, highlighted. */
function searchItems(archive: Archive, groups: readonly TermGroup[], rows: readonly CandidateRow[]): Map<number, ReplyItem> {
  const passages = passagesOf(archive, rows.map((row) => row.id));
  const forms = allForms(groups);
  return new Map(
    rows.map((row) => {
      const best = bestPassage(passages.get(row.id) ?? [], groups);
      const excerpt = buildExcerpt(bodyOf(row).slice(best.start, best.end), (word) => archive.analyzer.matchesAny(word, forms));
      return [row.id, itemFrom(row, excerpt, best.eventDate)];
    }),
  );
}

/**
 * /summit itself decides which of the articles naming everyone hold a meeting sentence, and
 * builds their excerpts. It answers for the whole archive, so its items are matched back to the
 * candidates by origin (a feed item's link), title and date.
 */
function meetingItems(archive: Archive, watch: Watch, rows: readonly CandidateRow[]): Map<number, ReplyItem> {
  const meetings = findMeetings(archive, { names: watch.query, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
  const identity = (origin: string, title: string, date: string) => `${origin}\n${title}\n${date}`;
  const byIdentity = new Map(meetings.items.map((item) => [identity(item.origin, item.title, item.date), item]));
  const items = new Map<number, ReplyItem>();
  for (const row of rows) {
    const item = byIdentity.get(identity(row.origin, row.title, row.date ?? 'undated'));
    if (item) items.set(row.id, item);
  }
  return items;
}
