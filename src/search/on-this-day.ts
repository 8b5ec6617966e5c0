// "On this day": for a local calendar day, the articles published on that day in earlier
// years, the month-dated articles of that month, and the sentences that date an event to that
// day. Shared by /onthisday and the scheduled digest.
import type { Archive } from '../archive.ts';
import type { LocalDay } from '../core/dates.ts';
import type { ReplyItem } from '../core/types.ts';
import { buildExcerpt } from './excerpt.ts';
import { ARTICLE_COLUMNS, bodyOf, itemFrom, type ArticleRow } from './rows.ts';

export type OnThisDayKind = 'published' | 'event' | 'month';

export interface OnThisDayEntry {
  readonly kind: OnThisDayKind;
  readonly yearsAgo: number;
  readonly item: ReplyItem;
}

const yearsAgoLabel = (years: number) => (years === 0 ? 'this year' : years === 1 ? '1 year ago' : `${years} years ago`);

/** Day-precise entries first (grouped by years ago, nearest first), then the month's. */
export function selectOnThisDay(archive: Archive, day: LocalDay): OnThisDayEntry[] {
  const noHighlight = () => false;
  const ledeOf = (article: ArticleRow) => {
    const paragraphs = JSON.parse(article.paragraphs) as string[];
    // The first paragraph usually is the headline, already shown as the title.
    const lede = paragraphs.find((paragraph) => paragraph !== article.title && !paragraph.startsWith(article.title)) ?? paragraphs[0] ?? '';
    return buildExcerpt(lede, noHighlight);
  };

  const published = archive
    .prepare<[number, number, string], ArticleRow>(
      `SELECT ${ARTICLE_COLUMNS} FROM articles a
       WHERE a.date_precision = 'day' AND a.date_month = ? AND a.date_day = ? AND a.date_start < ?
       ORDER BY a.date_start DESC, a.id`,
    )
    .all(day.month, day.day, `${String(day.year).padStart(4, '0')}-01-01`)
    .map((article): OnThisDayEntry => {
      const yearsAgo = day.year - Number(article.date!.slice(0, 4));
      return { kind: 'published', yearsAgo, item: itemFrom(article, ledeOf(article), null, { label: `${yearsAgoLabel(yearsAgo)} today`, group: yearsAgoLabel(yearsAgo) }) };
    });

  const events = archive
    .prepare<[number, number], ArticleRow & { p_start: number; p_end: number; event_date: string }>(
      `SELECT ${ARTICLE_COLUMNS}, e.start AS p_start, e.end AS p_end, e.event_date
       FROM events e JOIN articles a ON a.id = e.article_id
       WHERE e.event_month = ? AND e.event_day = ?
       ORDER BY e.event_date DESC, a.id, e.ord`,
    )
    .all(day.month, day.day)
    .filter((row) => Number(row.event_date.slice(0, 4)) < day.year)
    .map((row): OnThisDayEntry => {
      const yearsAgo = day.year - Number(row.event_date.slice(0, 4));
      const text = bodyOf(row).slice(row.p_start, row.p_end);
      const excerpt = buildExcerpt(text, noHighlight);
      return { kind: 'event', yearsAgo, item: itemFrom(row, excerpt, row.event_date, { label: `${yearsAgoLabel(yearsAgo)} today`, group: yearsAgoLabel(yearsAgo) }) };
    });

  const month = archive
    .prepare<[number, string], ArticleRow>(
      `SELECT ${ARTICLE_COLUMNS} FROM articles a
       WHERE a.date_precision = 'month' AND a.date_month = ? AND a.date_start <= ?
       ORDER BY a.date_start DESC, a.id`,
    )
    .all(day.month, `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-01`)
    .map((article): OnThisDayEntry => {
      const yearsAgo = day.year - Number(article.date!.slice(0, 4));
      return { kind: 'month', yearsAgo, item: itemFrom(article, ledeOf(article), null, { label: 'this month', group: yearsAgoLabel(yearsAgo) }) };
    });

  const dayPrecise = [...published, ...events].sort((a, b) => a.yearsAgo - b.yearsAgo || (a.kind === b.kind ? 0 : a.kind === 'published' ? -1 : 1));
  return [...dayPrecise, ...month];
}
