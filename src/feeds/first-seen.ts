// "First seen" means the first poll that saw an item: an undated item (or one dated in the
// future, clamped to the time seen) seen again keeps the date it was filed under, instead of
// moving to every later poll's time and counting as edited each time.
import { parsePartialDate } from '../core/dates.ts';
import type { SourceDocument } from '../core/types.ts';
import type { Db } from '../store/database.ts';

interface StoredDate {
  date: string | null;
  date_note: string | null;
  published_at: string | null;
}

export function keepFirstSeenDates(db: Db, documents: readonly SourceDocument[]): SourceDocument[] {
  const byKey = db.prepare<[string], StoredDate>('SELECT date, date_note, published_at FROM articles WHERE key = ?');
  // The writer finds an item whose guid changed by its link; so must we.
  const byLink = db.prepare<[string, string], StoredDate>('SELECT date, date_note, published_at FROM articles WHERE feed_url = ? AND link = ?');
  return documents.map((document) => {
    if (document.dateNote === undefined) return document;
    const stored = byKey.get(document.key) ?? (document.feedUrl && document.link ? byLink.get(document.feedUrl, document.link) : undefined);
    const date = stored?.date ? parsePartialDate(stored.date) : undefined;
    if (!stored || !date) return document;
    // A stored real date also wins over a stand-in: the publisher dropped or broke the date.
    const { dateNote: _note, publishedAt: _published, ...rest } = document;
    return {
      ...rest,
      date,
      ...(stored.date_note === 'first-seen' || stored.date_note === 'clamped-future' ? { dateNote: stored.date_note } : {}),
      ...(stored.published_at ? { publishedAt: stored.published_at } : {}),
    };
  });
}
