// The store file: schema versioning, WAL, refusing a newer schema, and re-analysis when the
// analysis rules or the topic vocabulary in config/ change.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { defaults } from '../config/defaults.ts';
import { ConfigError, loadConfig } from '../config/load.ts';
import { openArchive } from '../src/archive.ts';
import { findMeetings } from '../src/search/summit.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';
import { corpusArchive, type TestArchive } from './support/archive.ts';

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
