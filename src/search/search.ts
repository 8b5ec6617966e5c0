// Ranked search: BM25 over the article index picks the candidates, then each candidate's best
// passage (the sentence holding most query words, close together) adds a proximity bonus.
import type { Archive } from '../archive.ts';
import { dateSpan, type PartialDate } from '../core/dates.ts';
import type { Language, ReplyItem } from '../core/types.ts';
import { buildExcerpt } from './excerpt.ts';
import { allForms, analyseQuery, matchExpression, type AnalysedQuery, type TermGroup } from './query.ts';
import { ARTICLE_COLUMNS, bodyOf, itemFrom, passagesOf, startsWithAnaphor, type ArticleRow, type PassageRow } from './rows.ts';

export interface SearchOptions {
  readonly text: string;
  readonly from?: PartialDate;
  readonly to?: PartialDate;
  readonly language?: Language;
  readonly page: number;
  readonly pageSize: number;
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

export function searchArchive(archive: Archive, options: SearchOptions): SearchResult {
  const query = analyseQuery(options.text, archive.analyzer, archive.isKnownName);
  if (query.groups.length === 0) return { query, total: 0, items: [], relaxed: false };
  const filters = {
    from: options.from ? dateSpan(options.from).start : null,
    to: options.to ? dateSpan(options.to).end : null,
    lang: options.language ?? null,
  };
  const where = `article_terms MATCH @match
    AND (@from IS NULL OR a.date_end >= @from) AND (@to IS NULL OR a.date_start <= @to)
    AND (@lang IS NULL OR a.language = @lang)`;
  const count = archive.db.prepare<Record<string, unknown>, { n: number }>(
    `SELECT count(*) AS n FROM article_terms JOIN articles a ON a.id = article_terms.rowid WHERE ${where}`,
  );
  let relaxed = false;
  let match = matchExpression(query.groups);
  let total = count.get({ match, ...filters })!.n;
  if (total === 0 && query.groups.length > 1) {
    relaxed = true;
    match = matchExpression(query.groups, 'OR');
    total = count.get({ match, ...filters })!.n;
  }
  const offset = (options.page - 1) * options.pageSize;
  if (total === 0 || offset >= total) return { query, total, items: [], relaxed };

  const select = archive.db.prepare<Record<string, unknown>, ArticleRow & { rank: number }>(
    `SELECT ${ARTICLE_COLUMNS}, bm25(article_terms) AS rank
     FROM article_terms JOIN articles a ON a.id = article_terms.rowid
     WHERE ${where} ORDER BY rank LIMIT @limit OFFSET @offset`,
  );
  const reranked = offset < RERANK_POOL;
  const rows = reranked
    ? select.all({ match, ...filters, limit: RERANK_POOL, offset: 0 })
    : select.all({ match, ...filters, limit: options.pageSize, offset });
  const passages = passagesOf(archive.db, rows.map((row) => row.id));
  const forms = allForms(query.groups);
  const scored = rows.map((article) => {
    const best = bestPassage(passages.get(article.id) ?? [], query.groups);
    // bm25() is negative, smaller is better; proximity adds up to half a hit's worth.
    return { article, best, score: -article.rank * (1 + 0.5 * best.coverage) };
  });
  if (reranked) scored.sort((a, b) => b.score - a.score);
  const page = reranked ? scored.slice(offset, offset + options.pageSize) : scored;
  const items = page.map(({ article, best }) => {
    const body = bodyOf(article);
    const text = body.slice(best.start, best.end);
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
