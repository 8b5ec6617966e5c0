// Ranked search: BM25 over the article index picks the candidates, then each candidate's best
// passage (the sentence holding most query words, close together) adds a proximity bonus.
import type { Archive } from '../archive.ts';
import { dateSpan, type PartialDate } from '../core/dates.ts';
import type { Language, ReplyItem } from '../core/types.ts';
import { buildExcerpt } from './excerpt.ts';
import { allForms, analyseQuery, matchExpression, type AnalysedQuery, type TermGroup } from './query.ts';
import { markerTerms } from '../analysis/analyzer.ts';
import { FIRST_UNDATED_ID, firstIdOnOrAfter, lastIdOnOrBefore } from '../store/article-ids.ts';
import { ARTICLE_COLUMNS, bodyOf, itemFrom, passagesOf, startsWithAnaphor, type ArticleRow, type PassageRow } from './rows.ts';

export interface SearchOptions {
  readonly text: string;
  readonly from?: PartialDate;
  readonly to?: PartialDate;
  readonly language?: Language;
  readonly page: number;
  readonly pageSize: number;
  /** Matches BM25 ranks at most (the latest ones); RANK_WINDOW unless a test sets it. */
  readonly rankWindow?: number;
}

export interface SearchResult {
  readonly query: AnalysedQuery;
  readonly total: number;
  readonly items: ReplyItem[];
  /** No article had every word, so articles with any of them are shown. */
  readonly relaxed: boolean;
}

/** Candidates re-ranked by passage proximity; deeper pages follow BM25 alone. */
const RERANK_POOL = 50;
/**
 * BM25 costs about 0.3 µs a match: past this many matches it ranks the latest this-many only
 * (ids follow dates), which keeps a word found in most of a 100,000-article archive within a
 * few milliseconds. Below it the ranking is exact.
 */
export const RANK_WINDOW = 10_000;

interface Scope {
  readonly match: string;
  readonly low: number;
  readonly high: number;
  /** Ids below this (within the scope) need their date_end checked against `from`. */
  readonly exactFrom: number;
  readonly from: string | null;
}

export function searchArchive(archive: Archive, options: SearchOptions): SearchResult {
  const query = analyseQuery(options.text, archive.analyzer, archive.isKnownName);
  if (query.groups.length === 0) return { query, total: 0, items: [], relaxed: false };
  const { db } = archive;
  const language = options.language ? ` AND "${markerTerms.language(options.language)}"` : '';
  const scopeFor = (match: string): Scope => {
    const from = options.from ? dateSpan(options.from).start : null;
    const to = options.to ? dateSpan(options.to).end : null;
    return {
      match: `(${match})${language}`,
      // A month- or year-dated article that starts before `from` may still overlap it.
      low: from ? firstIdOnOrAfter(`${from.slice(0, 4)}-01-01`) - 1 : -1,
      exactFrom: from ? firstIdOnOrAfter(from) : -1,
      high: to ? lastIdOnOrBefore(to) : options.from ? FIRST_UNDATED_ID - 1 : Number.MAX_SAFE_INTEGER,
      from,
    };
  };
  // Rows before exactFrom are few (one year at most) and are checked against the articles table.
  const where = `article_terms MATCH @match AND article_terms.rowid > @low AND article_terms.rowid <= @high
    AND (article_terms.rowid >= @exactFrom OR (SELECT a.date_end FROM articles a WHERE a.id = article_terms.rowid) >= @from)`;
  const count = db.prepare<Scope, { n: number }>(`SELECT count(*) AS n FROM article_terms WHERE ${where}`);

  let relaxed = false;
  let scope = scopeFor(matchExpression(query.groups));
  let total = count.get(scope)!.n;
  if (total === 0 && query.groups.length > 1) {
    relaxed = true;
    scope = scopeFor(matchExpression(query.groups, 'OR'));
    total = count.get(scope)!.n;
  }
  const offset = (options.page - 1) * options.pageSize;
  if (total === 0 || offset >= total) return { query, total, items: [], relaxed };

  const window = options.rankWindow ?? RANK_WINDOW;
  if (total > window) {
    const edge = db
      .prepare<Scope & { skip: number }, { id: number }>(`SELECT article_terms.rowid AS id FROM article_terms WHERE ${where} ORDER BY article_terms.rowid DESC LIMIT 1 OFFSET @skip`)
      .get({ ...scope, skip: window - 1 });
    if (edge) scope = { ...scope, low: Math.max(scope.low, edge.id - 1) };
  }
  const reranked = offset < RERANK_POOL;
  const ranked = db
    .prepare<Scope & { limit: number; offset: number }, { id: number; rank: number }>(
      `SELECT article_terms.rowid AS id, bm25(article_terms) AS rank FROM article_terms WHERE ${where} ORDER BY rank LIMIT @limit OFFSET @offset`,
    )
    .all({ ...scope, ...(reranked ? { limit: RERANK_POOL, offset: 0 } : { limit: options.pageSize, offset }) });
  const articles = new Map(
    db
      .prepare<[string], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ranked.map((row) => row.id)))
      .map((article) => [article.id, article]),
  );
  const passages = passagesOf(db, ranked.map((row) => row.id));
  const forms = allForms(query.groups);
  const scored = ranked.flatMap(({ id, rank }) => {
    const article = articles.get(id);
    if (!article) return [];
    const best = bestPassage(passages.get(id) ?? [], query.groups);
    // bm25() is negative, smaller is better; proximity adds up to half a hit's worth.
    return [{ article, best, score: -rank * (1 + 0.5 * best.coverage) }];
  });
  if (reranked) scored.sort((a, b) => b.score - a.score);
  const page = reranked ? scored.slice(offset, offset + options.pageSize) : scored;
  const items = page.map(({ article, best }) => {
    const text = bodyOf(article).slice(best.start, best.end);
    const excerpt = buildExcerpt(text, (word) => archive.analyzer.matchesAny(word, forms));
    return itemFrom(article, excerpt, best.eventDate);
  });
  return { query, total, items, relaxed };
}

interface BestPassage {
  readonly start: number;
  readonly end: number;
  /** Share of the query's words the passage holds, 0..1. */
  readonly coverage: number;
  readonly eventDate: string | null;
}

/** The sentence (with its predecessor when it leans on it) holding most query words. */
export function bestPassage(passages: readonly PassageRow[], groups: readonly TermGroup[]): BestPassage {
  let best: BestPassage = { start: 0, end: 0, coverage: -1, eventDate: null };
  const covered = (terms: ReadonlySet<string>) => groups.filter((group) => group.forms.some((form) => terms.has(form))).length;
  passages.forEach((passage, index) => {
    const own = new Set(passage.terms.split(' '));
    let hits = covered(own);
    let start = passage.start;
    const previous = passages[index - 1];
    if (previous && hits < groups.length && hits > 0) {
      const joint = new Set([...own, ...previous.terms.split(' ')]);
      const jointHits = covered(joint);
      if (jointHits > hits && passage.end - previous.start <= 300) {
        hits = jointHits - 0.5;
        start = previous.start;
      }
    }
    // The headline is shown as the title already: on a tie a body sentence says more.
    const coverage = (groups.length === 0 ? 0 : hits / groups.length) * (passage.ord === 0 ? 0.99 : 1);
    if (coverage > best.coverage) best = { start, end: passage.end, coverage, eventDate: passage.event_date };
  });
  if (best.coverage < 0) return { start: 0, end: 0, coverage: 0, eventDate: null };
  return best;
}

export { startsWithAnaphor };
