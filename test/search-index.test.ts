// The index behind search: article ids in date order (re-keyed when an edit moves the date),
// exact date filters at the edges, the bounded ranking window, and the meeting markers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaults } from '../config/defaults.ts';
import { createAnalyzer, meetingMarkers } from '../src/analysis/analyzer.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { searchArchive } from '../src/search/search.ts';
import { findMeetings } from '../src/search/summit.ts';
import { emptyArchive, type TestArchive } from './support/archive.ts';

let fixture: TestArchive;
afterEach(() => fixture?.cleanup());

async function withArticles(articles: Record<string, string>) {
  fixture = emptyArchive();
  for (const [name, text] of Object.entries(articles)) writeFileSync(join(fixture.dir, name), text);
  await ingest(fixture.archive, Object.keys(articles).map((name) => join(fixture.dir, name)));
}
const ids = () => fixture.archive.db.prepare('SELECT origin FROM articles ORDER BY id').all().map((row) => (row as { origin: string }).origin);

describe('article ids', () => {
  it('follow dates (a month before its days), undated last, whatever the ingest order', async () => {
    await withArticles({
      'c.txt': 'Putin mødte Trump.',
      'b.txt': ' date 2018-12-03 Putin mødte Trump.',
      'a.txt': ' date 2018-12 Putin mødte Trump.',
      'd.txt': ' date 2017-05-01 Putin mødte Trump.',
    });
    expect(ids()).toEqual(['d.txt', 'a.txt', 'b.txt', 'c.txt']);
  });

  it('move when an edit changes the date, keeping one copy', async () => {
    await withArticles({ 'a.txt': ' date 2019-01 Putin mødte Trump.', 'b.txt': ' date 2018-01 Putin mødte Trump i Helsingfors.' });
    writeFileSync(join(fixture.dir, 'a.txt'), ' date 2017-01 Putin mødte Trump.');
    const report = await ingest(fixture.archive, [join(fixture.dir, 'a.txt')]);
    expect(report.updated).toHaveLength(1);
    expect(ids()).toEqual(['a.txt', 'b.txt']);
    expect(findMeetings(fixture.archive, { names: 'putin trump', page: 1, pageSize: 10 }).items.map((i) => i.date)).toEqual(['2017-01', '2018-01']);
  });
});

describe('date filters', () => {
  it('include a month that overlaps the range and exclude a day before it', async () => {
    await withArticles({
      'month.txt': ' date 2018-12 Topmøde om klima.',
      'before.txt': ' date 2018-12-01 Topmøde om handel.',
      'inside.txt': ' date 2018-12-10 Topmøde om fred.',
      'after.txt': ' date 2019-01-02 Topmøde om sne.',
      'undated.txt': 'Topmøde uden dato.',
    });
    const dates = (from: string, to: string) =>
      searchArchive(fixture.archive, { text: 'topmøde', from: parse(from), to: parse(to), page: 1, pageSize: 10 }).items.map((i) => i.date).sort();
    expect(dates('2018-12-05', '2018-12-31')).toEqual(['2018-12', '2018-12-10']);
    expect(dates('2018', '2018')).toEqual(['2018-12', '2018-12-01', '2018-12-10']);
    expect(searchArchive(fixture.archive, { text: 'topmøde', page: 1, pageSize: 10 }).total).toBe(5);
  });
});

function parse(text: string) {
  const [year, month, day] = text.split('-').map(Number);
  return { year: year!, ...(month ? { month } : {}), ...(day ? { day } : {}) };
}

describe('ranking', () => {
  const articles = {
    'old.txt': ' date 2001-01 Et topmøde i en lang tekst om mange andre ting som handel og vejr og sport og kunst.',
    // The best BM25 match is neither the first nor the last by date.
    'mid.txt': ' date 2010-01 Topmøde, topmøde, topmøde.',
    'new.txt': ' date 2020-01 Et topmøde i en lang tekst om mange andre ting som handel og vejr og sport og kunst.',
  };

  it('orders by BM25, not by date', async () => {
    await withArticles(articles);
    expect(searchArchive(fixture.archive, { text: 'topmøde', page: 1, pageSize: 10 }).items[0]!.origin).toBe('mid.txt');
    const ranks = fixture.archive.db.prepare("SELECT bm25(article_terms) AS r FROM article_terms WHERE article_terms MATCH 'topmød'").all() as { r: number }[];
    expect(ranks.every((row) => row.r < 0)).toBe(true);
  });

  it('stops counting at the cap and then shows the latest matches, best sentence first', async () => {
    await withArticles(articles);
    const capped = searchArchive(fixture.archive, { text: 'topmøde', page: 1, pageSize: 10, countCap: 2 });
    expect([capped.total, capped.totalIsLowerBound]).toEqual([2, true]);
    // All three hold the word in their best sentence: the newest comes first.
    expect(capped.items.map((i) => i.origin)).toEqual(['new.txt', 'mid.txt', 'old.txt']);
    const exact = searchArchive(fixture.archive, { text: 'topmøde', page: 1, pageSize: 10, countCap: 3 });
    expect([exact.total, exact.totalIsLowerBound]).toEqual([3, false]);
  });
});

describe('meeting markers', () => {
  const analyzer = createAnalyzer(defaults);
  const markers = (text: string) =>
    meetingMarkers(analyzer.analyzeArticle({ paragraphs: [text], language: 'da' }).passages).sort();

  it('mark who a meeting sentence names, pairs of them, and "de to"', () => {
    const helsinki = markers('Han sagde, at Putin og Trump mødtes i Helsingfors.');
    expect(helsinki).toEqual(expect.arrayContaining(['m_summit_putin', 'm_summit_trump', 'mp_summit_putin_trump', 'm_summit_helsingfors']));
    expect(helsinki.every((marker) => /^mp?_summit_/.test(marker))).toBe(true);
    expect(markers('De to mødes i juli.')).toEqual(['mr_summit']);
    expect(markers('Putin talte om økonomien.')).toEqual([]);
  });

  it('take names from the sentence before when the meeting sentence names one of them', () => {
    expect(markers('Donald Trump ringede fra Washington. Han talte med Putin i telefonsamtalen.')).toContain('mp_summit_putin_trump');
    // A capital opening a sentence may be a name too.
    expect(markers('Putin mødte Trump.')).toContain('mp_summit_putin_trump');
  });
});

describe('excerpts', () => {
  it('include the sentence before one that opens with "Han", when both fit', async () => {
    await withArticles({ 'a.txt': ' date 2019-06 Donald Trump rejste til Finland i juli. Han mødte Vladimir Putin i Helsingfors.' });
    const [item] = searchArchive(fixture.archive, { text: 'putin helsingfors', page: 1, pageSize: 10 }).items;
    expect(item!.excerpt).toBe('Donald Trump rejste til Finland i juli. Han mødte Vladimir Putin i Helsingfors.');
  });
});
