// Ranked search: BM25 over the article index picks the candidates, then each candidate's best
// passage (the sentence holding most query words, close together) adds a proximity bonus.
import type { Archive } from '../archive.ts';
import { dateSpan, type PartialDate } from '../core/dates.ts';
import type { Language, ReplyItem } from '../core/types.ts';
import { buildExcerpt } from './excerpt.ts';
import { allForms, analyseQuery, matchExpression, type AnalysedQuery, type TermGroup } from './query.ts';
import { markerTerms } from '../analysis/analyzer.ts';
import { FIRST_UNDATED_ID, firstIdOnOrAfter, lastIdOnOrBefore } from '../store/article-ids.ts';
import { ARTICLE_COLUMNS, bodyOf, excerptStart, itemFrom, passagesOf, type ArticleRow, type PassageRow } from './rows.ts';

export interface SearchOptions {
  readonly text: string;
  readonly from?: PartialDate;
  readonly to?: PartialDate;
  readonly language?: Language;
  readonly page: number;
  readonly pageSize: number;
  /** Where counting stops and ranking turns to the latest matches; COUNT_CAP unless a test sets it. */
  readonly countCap?: number;
}

export interface SearchResult {
  readonly query: AnalysedQuery;
  readonly total: number;
  readonly items: ReplyItem[];
  /** There are at least `total` matches (see COUNT_CAP). */
  readonly totalIsLowerBound: boolean;
  /** No article had every word, so articles with any of them are shown. */
  readonly relaxed: boolean;
}

/** Candidates re-ranked by passage proximity; deeper pages follow BM25 alone. */
const RERANK_POOL = 50;
/**
 * Counting stops here ("10,000+"). A query matching this many articles is barely selective, and
 * FTS5's bm25() reads every matching row's postings to weigh its words (10–20 ms at 100,000
 * articles), so such a query is ranked differently: its RECENT_POOL latest matches (ids follow
 * dates), re-ranked by how many query words their best sentence holds. Below the cap, BM25.
 */
export const COUNT_CAP = 10_000;
const RECENT_POOL = 50;

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
  if (query.groups.length === 0) return { query, total: 0, items: [], relaxed: false, totalIsLowerBound: false };
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
  const cap = options.countCap ?? COUNT_CAP;
  // One pass that stops after cap + 1 matches: it counts a selective query exactly and tells an
  // unselective one apart without reading all its matches. Ascending rowid order: FTS5 reads
  // its doclists forwards about twice as fast as backwards.
  const countUpTo = archive.prepare<Scope & { stopAt: number }, { n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM article_terms WHERE ${where} LIMIT @stopAt)`,
  );
  const countUpToCap = (scope: Scope) => {
    const n = countUpTo.get({ ...scope, stopAt: cap + 1 })!.n;
    return n > cap ? { total: cap, lowerBound: true } : { total: n, lowerBound: false };
  };

  let relaxed = false;
  let scope = scopeFor(matchExpression(query.groups));
  let counted = countUpToCap(scope);
  if (counted.total === 0 && query.groups.length > 1) {
    relaxed = true;
    scope = scopeFor(matchExpression(query.groups, 'OR'));
    counted = countUpToCap(scope);
  }
  const { total, lowerBound: totalIsLowerBound } = counted;
  const offset = (options.page - 1) * options.pageSize;
  if (total === 0 || offset >= total) return { query, total, items: [], relaxed, totalIsLowerBound };

  const pool = totalIsLowerBound ? RECENT_POOL : RERANK_POOL;
  const reranked = offset < pool;
  const page = (limit: number, skip: number) => ({ ...scope, limit, offset: skip });
  const ranked = totalIsLowerBound
    ? archive
        .prepare<Scope & { limit: number; offset: number }, { id: number; rank: number }>(
          `SELECT article_terms.rowid AS id, 0 AS rank FROM article_terms WHERE ${where} ORDER BY article_terms.rowid DESC LIMIT @limit OFFSET @offset`,
        )
        .all(reranked ? page(pool, 0) : page(options.pageSize, offset))
    : archive
        .prepare<Scope & { limit: number; offset: number }, { id: number; rank: number }>(
          `SELECT article_terms.rowid AS id, bm25(article_terms) AS rank FROM article_terms WHERE ${where} ORDER BY rank LIMIT @limit OFFSET @offset`,
        )
        .all(reranked ? page(pool, 0) : page(options.pageSize, offset));
  const articles = new Map(
    archive
      .prepare<[string], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ranked.map((row) => row.id)))
      .map((article) => [article.id, article]),
  );
  const passages = passagesOf(archive, ranked.map((row) => row.id));
  const forms = allForms(query.groups);
  const scored = ranked.flatMap(({ id, rank }) => {
    const article = articles.get(id);
    if (!article) return [];
    const best = bestPassage(passages.get(id) ?? [], query.groups);
    // bm25() is negative, smaller is better; proximity adds up to half a hit's worth. Without
    // BM25 (an unselective query) the best sentence's coverage decides, then recency.
    return [{ article, best, score: totalIsLowerBound ? best.coverage : -rank * (1 + 0.5 * best.coverage) }];
  });
  if (reranked) scored.sort((a, b) => b.score - a.score || b.article.id - a.article.id);
  const shown = reranked ? scored.slice(offset, offset + options.pageSize) : scored;
  const items = shown.map(({ article, best }) => {
    const body = bodyOf(article);
    const text = body.slice(excerptStart(body, passages.get(article.id) ?? [], best.start, best.end), best.end);
    const excerpt = buildExcerpt(text, (word) => archive.analyzer.matchesAny(word, forms));
    return itemFrom(article, excerpt, best.eventDate);
  });
  return { query, total, items, relaxed, totalIsLowerBound };
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
  // Which query words a sentence holds, as a bit set; terms are matched inside the padded
  // term string (cheaper than building a Set for every sentence of every candidate).
  const holds = (passage: PassageRow): number => {
    const padded = ` ${passage.terms} `;
    let bits = 0;
    groups.forEach((group, index) => {
      if (group.forms.some((form) => padded.includes(` ${form} `))) bits |= 1 << index;
    });
    return bits;
  };
  const count = (bits: number) => {
    let n = 0;
    for (let rest = bits; rest !== 0; rest &= rest - 1) n += 1;
    return n;
  };
  let previousBits = 0;
  passages.forEach((passage, index) => {
    const ownBits = holds(passage);
    let hits = count(ownBits);
    let start = passage.start;
    const previous = passages[index - 1];
    if (previous && hits < groups.length && hits > 0) {
      const jointHits = count(ownBits | previousBits);
      if (jointHits > hits && passage.end - previous.start <= 300) {
        hits = jointHits - 0.5;
        start = previous.start;
      }
    }
    previousBits = ownBits;
    // The headline is shown as the title already: on a tie a body sentence says more.
    const coverage = (groups.length === 0 ? 0 : hits / groups.length) * (passage.ord === 0 ? 0.99 : 1);
    if (coverage > best.coverage) best = { start, end: passage.end, coverage, eventDate: passage.event_date };
  });
  if (best.coverage < 0) return { start: 0, end: 0, coverage: 0, eventDate: null };
  return best;
}

