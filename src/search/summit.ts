// Meetings between named people: articles that name ALL of them and hold a sentence about a
// meeting, call or summit (planned, held, cancelled or proposed) that names them, or refers to
// them together ("de to", "begge"). Answered as a timeline: oldest first, undated last.
import type { Archive } from '../archive.ts';
import type { ReplyItem } from '../core/types.ts';
import { buildExcerpt } from './excerpt.ts';
import { allForms, analyseQuery, matchExpression, type TermGroup } from './query.ts';
import { ARTICLE_COLUMNS, bodyOf, itemFrom, passagesOf, topicWeight, type ArticleRow, type PassageRow } from './rows.ts';

export interface MeetingsOptions {
  readonly names: string;
  readonly topic?: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface MeetingsResult {
  readonly parties: readonly TermGroup[];
  /** Named parties no article in the archive mentions at all. */
  readonly unknown: readonly string[];
  readonly total: number;
  readonly items: ReplyItem[];
}

interface Match {
  readonly article: ArticleRow;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly eventDate: string | null;
}

export function findMeetings(archive: Archive, options: MeetingsOptions): MeetingsResult {
  const topic = options.topic ?? 'summit';
  const parties = analyseQuery(options.names, archive.analyzer, archive.isKnownName).groups;
  if (parties.length === 0) return { parties, unknown: [], total: 0, items: [] };

  const mentions = archive.db.prepare<[string], { found: number }>('SELECT 1 AS found FROM article_terms WHERE article_terms MATCH ? LIMIT 1');
  const unknown = parties.filter((party) => !mentions.get(matchExpression([party]))).map((party) => party.word);
  if (unknown.length > 0) return { parties, unknown, total: 0, items: [] };

  const articles = archive.db
    .prepare<[string], ArticleRow>(
      `SELECT ${ARTICLE_COLUMNS} FROM article_terms JOIN articles a ON a.id = article_terms.rowid WHERE article_terms MATCH ?`,
    )
    .all(matchExpression(parties));
  const passages = passagesOf(archive.db, articles.map((article) => article.id));
  const matches: Match[] = [];
  for (const article of articles) {
    const best = bestMeetingPassage(passages.get(article.id) ?? [], parties, topic);
    if (best) matches.push({ article, ...best });
  }
  matches.sort(chronologically);

  const offset = (options.page - 1) * options.pageSize;
  const forms = allForms(parties);
  const items = matches.slice(offset, offset + options.pageSize).map((match) => {
    const text = bodyOf(match.article).slice(match.start, match.end);
    const excerpt = buildExcerpt(text, (word) => archive.analyzer.matchesAny(word, forms) || archive.analyzer.isTopicWord(word, topic));
    return itemFrom(match.article, excerpt, match.eventDate);
  });
  return { parties, unknown: [], total: matches.length, items };
}

/** Dated articles in date order (a month before the days inside it), undated ones last. */
function chronologically(a: Match, b: Match): number {
  const da = a.article.date_start;
  const db = b.article.date_start;
  if (da && db && da !== db) return da < db ? -1 : 1;
  if (da && !db) return -1;
  if (!da && db) return 1;
  if (a.article.date !== b.article.date) return (a.article.date ?? '') < (b.article.date ?? '') ? -1 : 1;
  return b.score - a.score || a.article.origin.localeCompare(b.article.origin);
}

function bestMeetingPassage(passages: readonly PassageRow[], parties: readonly TermGroup[], topic: string) {
  let best: Omit<Match, 'article'> | undefined;
  const named = (terms: ReadonlySet<string>) => parties.filter((party) => party.forms.some((form) => terms.has(form))).length;
  passages.forEach((passage, index) => {
    const weight = topicWeight(passage, topic);
    if (weight === 0) return;
    const own = named(new Set(passage.terms.split(' ')));
    let start = passage.start;
    let score: number;
    if (own === parties.length) {
      score = weight + own;
    } else if (passage.pair_ref === 1 && parties.length > 1) {
      // "de to", "begge": the article names every party (it matched), the sentence means them all.
      score = weight + parties.length;
    } else {
      // A sentence naming some parties may take the rest from the sentence before it.
      const previous = passages[index - 1];
      if (!previous || own === 0 || passage.end - previous.start > 300) return;
      const joint = named(new Set([...passage.terms.split(' '), ...previous.terms.split(' ')]));
      if (joint < parties.length) return;
      start = previous.start;
      score = weight + own;
    }
    if (passage.event_date) score += 0.75;
    // The headline is already shown as the title; a body sentence saying as much is worth more.
    if (passage.ord === 0) score -= 0.5;
    if (!best || score > best.score) best = { start, end: passage.end, score, eventDate: passage.event_date };
  });
  return best;
}
