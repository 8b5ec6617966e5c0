// The store file: schema versioning, WAL, refusing a newer schema, and re-analysis when the
// analysis rules or the topic vocabulary in config/ change.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { defaults } from '../config/defaults.ts';
import { ConfigError, loadConfig } from '../config/load.ts';
import { openArchive, type Archive } from '../src/archive.ts';
import type { PartialDate } from '../src/core/dates.ts';
import { prepareArticle } from '../src/ingest/prepare.ts';
import { searchArchive } from '../src/search/search.ts';
import { createArticleWriter } from '../src/store/article-writer.ts';
import { findMeetings } from '../src/search/summit.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';
import { corpusArchive, emptyArchive, type TestArchive } from './support/archive.ts';

let fixture: TestArchive;
afterEach(() => fixture?.cleanup());

describe('store', () => {
  it('is in WAL mode at the latest schema version', async () => {
    fixture = await corpusArchive();
    expect(fixture.archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(fixture.archive.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('refuses a file written by a newer almanak, with a clear message', async () => {
    fixture = await corpusArchive();
    fixture.archive.close();
    const raw = new Database(fixture.dbPath);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openArchive(loadConfig({ env: {}, overrides: { dbPath: fixture.dbPath } }))).toThrow(/newer almanak/);
  });

  it('re-analyses stored articles when the topic vocabulary changes', async () => {
    fixture = await corpusArchive();
    expect(findMeetings(fixture.archive, { names: 'putin trump', page: 1, pageSize: 10 }).total).toBe(4);
    fixture.archive.close();
    // A vocabulary without the Danish and Norwegian meeting words finds no meetings any more.
    const englishOnly = { ...defaults.topics.summit!, terms: [{ word: 'summit', weight: 3 }] };
    const archive = openArchive(loadConfig({ env: {}, overrides: { dbPath: fixture.dbPath, topics: { summit: englishOnly } } }));
    try {
      expect(findMeetings(archive, { names: 'putin trump', page: 1, pageSize: 10 }).total).toBe(0);
    } finally {
      archive.close();
    }
  });
});

describe('config', () => {
  it('names the bad key and the file', () => {
    expect(() => loadConfig({ env: {}, overrides: { pageSize: 0 } })).toThrow(/config key "pageSize"/);
    expect(() => loadConfig({ env: { ALMANAK_TZ: 'Nowhere/Land' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: {}, file: '/nonexistent/almanak.json' })).toThrow(/cannot read config file \/nonexistent/);
  });

  it('takes ALMANAK_DB from the environment', () => {
    expect(loadConfig({ env: { ALMANAK_DB: '/tmp/x.db' } }).dbPath).toBe('/tmp/x.db');
  });

  it('refuses an invalid boilerplate pattern', () => {
    expect(() => loadConfig({ env: {}, overrides: { boilerplate: { dropParagraphs: ['(['], trailingCredits: [] } } })).toThrow(/invalid pattern/);
  });
});

describe('article writer in bulk mode', () => {
  // Bulk mode holds index terms and name counts and writes them in rowid order; the held state
  // must agree with the store through edits, moved dates, flushes and a rolled-back article.
  const prepare = (archive: Archive, key: string, text: string, date?: PartialDate) =>
    prepareArticle({ key, origin: key, text, ...(date ? { date } : {}) }, { analyzer: archive.analyzer, boilerplate: archive.boilerplate, defaultLanguage: 'da' });
  const found = (archive: Archive, words: string) => searchArchive(archive, { text: words, page: 1, pageSize: 10 }).items.map((item) => item.origin);

  it('indexes every article once, through edits and moved dates, across flushes', () => {
    fixture = emptyArchive();
    const { archive } = fixture;
    const writer = createArticleWriter(archive.db, { bulk: true, flushEvery: 2 });
    const write = (key: string, text: string, date?: PartialDate) => {
      archive.db.transaction(() => writer.write(prepare(archive, key, text, date), 'now'))();
      writer.flushIfFull();
    };
    archive.db.transaction(() => {
      write('a', 'Derefter besøgte Merkel Oslo om våren.', { year: 2020, month: 5 });
      write('b', 'Derefter besøgte Macron Bergen om sommeren.', { year: 2019, month: 7 }); // a lower id than a: flushed here
      write('c', 'Derefter besøgte Støre Aarhus om efteråret.', { year: 2021, month: 9 });
      write('c', 'Derefter besøgte Støre Odense om vinteren.', { year: 2021, month: 9 }); // edited while its terms are held
      write('a', 'Derefter besøgte Merkel Tromsø om våren.', { year: 2018, month: 4 }); // edited after a flush, to an earlier date
      write('d', 'Derefter besøgte Scholz Trondheim.');
      write('d', 'Derefter besøgte Scholz Narvik.', { year: 2017, month: 1 }); // moved to an earlier date while held
      writer.flush();
    })();
    expect(found(archive, 'besøgte')).toHaveLength(4);
    expect(found(archive, 'Odense')).toEqual(['c']);
    expect(found(archive, 'Aarhus')).toEqual([]);
    expect(found(archive, 'Tromsø')).toEqual(['a']);
    expect(found(archive, 'Oslo')).toEqual([]);
    expect(found(archive, 'Bergen')).toEqual(['b']);
    expect(found(archive, 'Trondheim')).toEqual([]);
    expect(found(archive, 'Narvik')).toEqual(['d']);
    expect(archive.db.prepare('SELECT count(*) FROM article_terms').pluck().get()).toBe(4);
    const names = archive.db.prepare('SELECT name, articles FROM names ORDER BY name').all();
    expect(names).toContainEqual({ name: 'merkel', articles: 1 });
    expect(names).toContainEqual({ name: 'støre', articles: 1 });
  });

  it('keeps nothing of an article whose write failed, held or stored', () => {
    fixture = emptyArchive();
    const { archive } = fixture;
    const writer = createArticleWriter(archive.db, { bulk: true });
    archive.db.exec(`CREATE TEMP TRIGGER fail_events AFTER INSERT ON passages WHEN NEW.article_id IN (SELECT id FROM articles WHERE key = 'bad')
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    archive.db.transaction(() => {
      archive.db.transaction(() => writer.write(prepare(archive, 'good', 'Derefter besøgte Merkel Oslo.'), 'now'))();
      expect(() => archive.db.transaction(() => writer.write(prepare(archive, 'bad', 'Derefter besøgte Macron Bergen.'), 'now'))()).toThrow(/disk on fire/);
      writer.flush();
    })();
    expect(found(archive, 'besøgte')).toEqual(['good']);
    expect(found(archive, 'Bergen')).toEqual([]);
    expect(archive.db.prepare('SELECT name FROM names ORDER BY name').pluck().all()).not.toContain('macron');
  });
});
