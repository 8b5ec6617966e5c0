// Reading articles and passages back from the store, and turning them into neutral reply items.
import { tokenize } from '../analysis/tokenize.ts';
import { foldToken } from '../analysis/normalize.ts';
import type { Language, ReplyItem } from '../core/types.ts';
import type { Archive } from '../archive.ts';
import { MAX_EXCERPT, type Excerpt } from './excerpt.ts';
import { decodePassages, type PassageRow } from '../store/passages-codec.ts';

export type { PassageRow };

export interface ArticleRow {
  readonly id: number;
  readonly origin: string;
  readonly link: string | null;
  readonly title: string;
  readonly source: string | null;
  readonly language: Language;
  readonly date: string | null;
  readonly date_precision: 'year' | 'month' | 'day' | null;
  readonly date_start: string | null;
  readonly paragraphs: string;
}

export const ARTICLE_COLUMNS = 'a.id, a.origin, a.link, a.title, a.source, a.language, a.date, a.date_precision, a.date_start, a.paragraphs';

export function bodyOf(article: ArticleRow): string {
  return (JSON.parse(article.paragraphs) as string[]).join('\n\n');
}

/** Passages of the given articles, by article id, in order. */
export function passagesOf(archive: Pick<Archive, 'prepare'>, articleIds: readonly number[]): Map<number, PassageRow[]> {
  const grouped = new Map<number, PassageRow[]>();
  if (articleIds.length === 0) return grouped;
  // json_each keeps the statement fixed however many ids there are.
  const rows = archive
    .prepare<[string], { article_id: number; data: string }>('SELECT article_id, data FROM passages WHERE article_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(articleIds));
  for (const row of rows) grouped.set(row.article_id, decodePassages(row.article_id, row.data));
  return grouped;
}

export function topicWeight(passage: PassageRow, topic: string): number {
  const match = new RegExp(`(?:^| )${topic}:([0-9.]+)`).exec(passage.topics);
  return match ? Number(match[1]) : 0;
}

// Sentences opening with these lean on the sentence before them for who "he" or "they" is.
const ANAPHORS = new Set(['han', 'hun', 'de', 'det', 'dette', 'den', 'denne', 'disse', 'he', 'she', 'they', 'it', 'this', 'these', 'begge', 'dermed', 'samtidig']);

/** Does the sentence need the one before it to make sense on its own? */
export function startsWithAnaphor(sentence: string): boolean {
  const words = tokenize(sentence.slice(0, 40)).slice(0, 2).map((token) => foldToken(token.text));
  return words.some((word, index) => ANAPHORS.has(word) && (index === 0 || words[0] === 'men' || words[0] === 'but' || words[0] === 'og' || words[0] === 'and'));
}

/**
 * Where an excerpt should start: at the sentence before when this one opens with "Han", "De",
 * "Det" … and both fit one excerpt, so the reader learns who "he" is.
 */
export function excerptStart(body: string, passages: readonly PassageRow[], start: number, end: number): number {
  const index = passages.findIndex((passage) => passage.start === start);
  const previous = passages[index - 1];
  if (index <= 0 || !previous || end - previous.start > MAX_EXCERPT) return start;
  return startsWithAnaphor(body.slice(start, end)) ? previous.start : start;
}

export function itemFrom(article: ArticleRow, excerpt: Excerpt, eventDate: string | null, extra: Partial<ReplyItem> = {}): ReplyItem {
  return {
    date: article.date ?? 'undated',
    datePrecision: article.date_precision ?? 'none',
    eventDate,
    title: article.title,
    source: article.source,
    language: article.language,
    excerpt: excerpt.excerpt,
    highlights: excerpt.highlights,
    origin: article.origin,
    link: article.link,
    ...extra,
  };
}
