// Ingest: re-ingesting adds nothing, an edited file replaces its old version, what cannot be
// read is reported with its path and reason while the rest goes in, feeds come in from files.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.ts';
import { searchArchive } from '../src/search/search.ts';
import { CORPUS_DIR, emptyArchive, type TestArchive } from './support/archive.ts';

let fixture: TestArchive;
afterEach(() => fixture?.cleanup());

const count = (table: string) => (fixture.archive.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('ingest', () => {
  it('adds the corpus once; a second run adds nothing', async () => {
    fixture = emptyArchive();
    const first = await ingest(fixture.archive, [CORPUS_DIR]);
    expect(first.added).toHaveLength(5);
    const passages = count('passages');
    expect(passages).toBe(5);
    const second = await ingest(fixture.archive, [CORPUS_DIR]);
    expect([second.added.length, second.updated.length, second.unchanged.length]).toEqual([0, 0, 5]);
    expect(count('articles')).toBe(5);
    expect(count('passages')).toBe(passages);
  });

  it('replaces an edited file, keeping one copy', async () => {
    fixture = emptyArchive();
    const dir = join(fixture.dir, 'in');
    mkdirSync(dir);
    const file = join(dir, 'note.txt');
    writeFileSync(file, ' date 2019-06-02 Putin mødte Trump i Osaka.');
    await ingest(fixture.archive, [dir]);
    writeFileSync(file, ' date 2019-06-29 Putin mødte Trump i Osaka ved G20-topmødet.');
    const report = await ingest(fixture.archive, [dir]);
    expect(report.updated.map((entry) => entry.origin)).toEqual(['note.txt']);
    expect(count('articles')).toBe(1);
    const rows = fixture.archive.db.prepare('SELECT date FROM articles').all();
    expect(rows).toEqual([{ date: '2019-06-29' }]);
    const hits = searchArchive(fixture.archive, { text: 'topmøde', page: 1, pageSize: 10 });
    expect(hits.total).toBe(1);
  });

  it('reports unreadable inputs with path and reason and still ingests the rest', async () => {
    fixture = emptyArchive({ maxFileBytes: 64 * 1024 });
    const dir = join(fixture.dir, 'mixed');
    mkdirSync(dir);
    copyFileSync(join(CORPUS_DIR, '004_0414b4989c13cfe9.txt'), join(dir, 'good.txt'));
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]));
    writeFileSync(join(dir, 'huge.txt'), 'Putin '.repeat(20_000));
    writeFileSync(join(dir, 'empty.txt'), '\n\nFoto: Reuters\n\nHopp til innhold\n');
    writeFileSync(join(dir, 'broken.xml'), '<rss><channel><item><title>Half');
    const report = await ingest(fixture.archive, [dir, join(fixture.dir, 'missing-folder')]);
    expect(report.added.map((entry) => entry.origin)).toEqual(['good.txt']);
    const reasons = Object.fromEntries(report.rejected.map((entry) => [entry.location.split('/').pop(), entry.reason]));
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['huge.txt']).toMatch(/over the .* limit/);
    expect(reasons['empty.txt']).toMatch(/no article text/);
    expect(reasons['broken.xml']).toMatch(/broken\.xml/);
    expect(reasons['missing-folder']).toMatch(/no such file/);
    expect(count('articles')).toBe(1);
  });

  it('reads a windows-1252 text file with æ, ø, å intact, with a warning', async () => {
    fixture = emptyArchive();
    const file = join(fixture.dir, 'legacy.txt');
    writeFileSync(file, iconv.encode(' date 2020-01 Topmødet i Århus blev aflyst, så de mødes næste år.', 'windows-1252'));
    const report = await ingest(fixture.archive, [file]);
    expect(report.added).toHaveLength(1);
    expect(report.warnings.join()).toMatch(/windows-1252/);
    expect(searchArchive(fixture.archive, { text: 'århus', page: 1, pageSize: 5 }).items[0]?.excerpt).toContain('Topmødet i Århus');
  });

  it('ingests an ISO-8859-1 feed file with Danish letters intact, once', async () => {
    fixture = emptyArchive();
    const feed = join(fixture.dir, 'nyheder.xml');
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Nyheder</title><link>https://example.dk/</link>
<item><title>Topmøde i Genève</title><link>https://example.dk/a</link><guid>a-1</guid>
<pubDate>Wed, 16 Jun 2021 21:30:00 -0400</pubDate>
<description>&lt;p&gt;Biden og Putin mødtes i Genève til et topmøde, hvor de to præsidenter talte i fire timer.&lt;/p&gt;</description></item>
</channel></rss>`;
    writeFileSync(feed, iconv.encode(xml, 'latin1'));
    const first = await ingest(fixture.archive, [feed]);
    expect(first.added).toHaveLength(1);
    expect((await ingest(fixture.archive, [feed])).added).toHaveLength(0);
    const row = fixture.archive.db.prepare('SELECT title, date, date_precision, source FROM articles').get();
    // The item's own offset decides the day: 21:30 at -04:00 is still 16 June.
    expect(row).toEqual({ title: 'Topmøde i Genève', date: '2021-06-16', date_precision: 'day', source: 'Nyheder' });
    const hit = searchArchive(fixture.archive, { text: 'toppmøte', page: 1, pageSize: 5 }).items[0];
    expect(hit?.origin).toBe('https://example.dk/a');
    expect(hit?.excerpt).toContain('præsidenter');
  });

  it('leaves the store unchanged when a write fails half-way through an article', async () => {
    fixture = emptyArchive();
    await ingest(fixture.archive, [join(CORPUS_DIR, '000_681da5c3c7cb2603.txt')]);
    const before = readFileSync(fixture.dbPath).length > 0 && count('passages');
    // A trigger that fails on the second article's passages simulates a crash mid-write.
    fixture.archive.db.exec(`CREATE TEMP TRIGGER fail_second AFTER INSERT ON passages WHEN NEW.article_id > 1
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const report = await ingest(fixture.archive, [join(CORPUS_DIR, '004_0414b4989c13cfe9.txt')]);
    expect(report.rejected[0]?.reason).toMatch(/disk on fire/);
    expect(count('articles')).toBe(1);
    expect(count('passages')).toBe(before);
  });
});

describe('ingest of a feed file', () => {
  it('keeps an undated item on the day it was first seen, so a later run changes nothing', async () => {
    fixture = emptyArchive();
    const feed = join(fixture.dir, 'undated.xml');
    writeFileSync(
      feed,
      '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Avis</title>' +
        '<item><title>Topmøde uden dato</title><link>https://avis.example.dk/u</link><description>Putin og Trump mødes.</description></item>' +
        '</channel></rss>',
    );
    await ingest(fixture.archive, [feed], { now: new Date('2026-03-01T10:00:00Z') });
    const later = await ingest(fixture.archive, [feed], { now: new Date('2026-03-05T10:00:00Z') });
    expect(later.unchanged).toHaveLength(1);
    expect(fixture.archive.db.prepare('SELECT date, date_note FROM articles').get()).toEqual({ date: '2026-03-01', date_note: 'first-seen' });
  });
});
