// Meetings between named people: articles that name ALL of them and hold a sentence about a
// meeting, call or summit (planned, held, cancelled or proposed) that names them, or refers to
// them together ("de to", "begge"). Answered as a timeline: oldest first, undated last.
//
// The analyser indexes each meeting sentence's people as marker terms (meetingMarkers), and
// article ids follow dates, so the timeline is one index query read in rowid order; only the
// page shown is loaded, checked sentence by sentence and excerpted.
import { markerTerms, NEIGHBOUR_SPAN } from '../analysis/analyzer.ts';
import type { Archive } from '../archive.ts';
import type { ReplyItem } from '../core/types.ts';
import { buildExcerpt } from './excerpt.ts';
import { allForms, analyseQuery, matchExpression, type TermGroup } from './query.ts';
import { COUNT_CAP } from './search.ts';
import { ARTICLE_COLUMNS, bodyOf, excerptStart, itemFrom, passagesOf, topicWeight, type ArticleRow, type PassageRow } from './rows.ts';

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
  /** There are at least `total` meetings (counting stops at COUNT_CAP). */
  readonly totalIsLowerBound: boolean;
  readonly items: ReplyItem[];
}

/** With three or more parties the markers (pairs) only narrow the candidates; this many are checked. */
const MAX_CHECKED = 5000;

const quoted = (terms: Iterable<string>) => [...terms].map((term) => `"${term}"`).join(' OR ');

/** The index query for articles with a qualifying meeting sentence (exact for one or two parties). */
function meetingExpression(parties: readonly TermGroup[], topic: string): string {
  const [first, second] = parties;
  if (parties.length === 1) return `(${quoted(first!.forms.map((form) => markerTerms.single(topic, form)))})`;
  const everyone = matchExpression(parties);
  const pairs: string[] = [];
  for (let i = 0; i < parties.length; i += 1) {
    for (let j = i + 1; j < parties.length; j += 1) {
      const combos = parties[i]!.forms.flatMap((a) => parties[j]!.forms.map((b) => markerTerms.pair(topic, a, b)));
      pairs.push(`(${quoted(new Set(combos))})`);
    }
  }
  const together = `("${markerTerms.together(topic)}" AND ${everyone})`;
  if (parties.length === 2 && second) return `(${pairs[0]} OR ${together})`;
  // Three or more: every pair met somewhere, or a "de to" sentence; checked sentence by sentence after.
  return `((${pairs.join(' AND ')}) OR ${together})`;
}

export function findMeetings(archive: Archive, options: MeetingsOptions): MeetingsResult {
  const topic = options.topic ?? 'summit';
  const parties = analyseQuery(options.names, archive.analyzer, archive.isKnownName).groups;
  if (parties.length === 0) return { parties, unknown: [], total: 0, totalIsLowerBound: false, items: [] };

  const mentions = archive.prepare<[string], { found: number }>('SELECT 1 AS found FROM article_terms WHERE article_terms MATCH ? LIMIT 1');
  const unknown = parties.filter((party) => !mentions.get(matchExpression([party]))).map((party) => party.word);
  if (unknown.length > 0) return { parties, unknown, total: 0, totalIsLowerBound: false, items: [] };

  const expression = meetingExpression(parties, topic);
  const offset = (options.page - 1) * options.pageSize;
  let total: number;
  let totalIsLowerBound = false;
  let page: ReturnType<typeof qualifying>;
  if (parties.length <= 2) {
    // One forward pass that stops after COUNT_CAP + 1 matches (see search.ts).
    const counted = archive
      .prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM article_terms WHERE article_terms MATCH ? LIMIT ?)')
      .get(expression, COUNT_CAP + 1)!.n;
    totalIsLowerBound = counted > COUNT_CAP;
    total = Math.min(counted, COUNT_CAP);
    const ids = archive
      .prepare<[string, number, number], { id: number }>('SELECT rowid AS id FROM article_terms WHERE article_terms MATCH ? ORDER BY rowid LIMIT ? OFFSET ?')
      .all(expression, options.pageSize, offset)
      .map((row) => row.id);
    page = qualifying(archive, ids, parties, topic);
  } else {
    const ids = archive
      .prepare<[string, number], { id: number }>('SELECT rowid AS id FROM article_terms WHERE article_terms MATCH ? ORDER BY rowid LIMIT ?')
      .all(expression, MAX_CHECKED)
      .map((row) => row.id);
    const all = qualifying(archive, ids, parties, topic);
    total = all.length;
    totalIsLowerBound = ids.length === MAX_CHECKED;
    page = all.slice(offset, offset + options.pageSize);
  }

  const forms = allForms(parties);
  const items = page.map(({ article, best, passages }) => {
    const body = bodyOf(article);
    const text = body.slice(excerptStart(body, passages, best.start, best.end), best.end);
    const excerpt = buildExcerpt(text, (word) => archive.analyzer.matchesAny(word, forms) || archive.analyzer.isTopicWord(word, topic));
    return itemFrom(article, excerpt, best.eventDate);
  });
  return { parties, unknown: [], total, totalIsLowerBound, items };
}

/** The given articles (in id = date order) that hold a qualifying sentence, with the best one. */
function qualifying(archive: Archive, ids: readonly number[], parties: readonly TermGroup[], topic: string) {
  if (ids.length === 0) return [];
  const articles = new Map(
    archive
      .prepare<[string], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids))
      .map((article) => [article.id, article]),
  );
  const passages = passagesOf(archive, ids);
  const found: { article: ArticleRow; best: MeetingPassage; passages: readonly PassageRow[] }[] = [];
  for (const id of ids) {
    const article = articles.get(id);
    const sentences = passages.get(id) ?? [];
    const best = article ? bestMeetingPassage(sentences, parties, topic) : undefined;
    if (article && best) found.push({ article, best, passages: sentences });
  }
  return found;
}

interface MeetingPassage {
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly eventDate: string | null;
}

/**
 * The best sentence about a meeting of the parties: it names them all; or (two or more parties)
 * refers to them together; or names some and the sentence before names the rest. These are the
 * rules meetingMarkers indexes.
 */
export function bestMeetingPassage(passages: readonly PassageRow[], parties: readonly TermGroup[], topic: string): MeetingPassage | undefined {
  let best: MeetingPassage | undefined;
  const named = (names: ReadonlySet<string>) => parties.filter((party) => party.forms.some((form) => names.has(form))).length;
  const namesOf = (passage: PassageRow) => new Set(passage.names === '' ? [] : passage.names.split(' '));
  passages.forEach((passage, index) => {
    const weight = topicWeight(passage, topic);
    if (weight === 0) return;
    const own = namesOf(passage);
    const ownCount = named(own);
    let start = passage.start;
    let score: number;
    if (ownCount === parties.length) {
      score = weight + ownCount;
    } else if (passage.pair_ref === 1 && parties.length > 1) {
      // "de to", "begge": the article names every party (it matched), the sentence means them all.
      score = weight + parties.length;
    } else {
      // A sentence naming some parties may take the rest from the sentence before it.
      const previous = passages[index - 1];
      if (!previous || ownCount === 0 || passage.end - previous.start > NEIGHBOUR_SPAN) return;
      if (named(new Set([...own, ...namesOf(previous)])) < parties.length) return;
      start = previous.start;
      score = weight + ownCount;
    }
    if (passage.event_date) score += 0.75;
    // The headline is already shown as the title; a body sentence saying as much is worth more.
    if (passage.ord === 0) score -= 0.5;
    if (!best || score > best.score) best = { start, end: passage.end, score, eventDate: passage.event_date };
  });
  return best;
}
