// The command line as a user meets it: `ask --json`, bad usage, and `start` fed by a pipe.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const ALMANAK = join(ROOT, 'bin/almanak.js');
let dir: string;
let db: string;

function almanak(args: string[], input?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, ALMANAK_DB: db };
  delete env.SLACK_BOT_TOKEN;
  delete env.DISCORD_TOKEN;
  return spawnSync(process.execPath, [ALMANAK, ...args], { cwd: ROOT, env, input: input ?? '', encoding: 'utf8', timeout: 30_000 });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'almanak-cli-'));
  db = join(dir, 'cli.db');
  const result = almanak(['ingest', 'corpus']);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^added 5, updated 0, skipped 0 \(unchanged\), rejected 0/);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('almanak ask', () => {
  it('prints the neutral reply as JSON with the documented item fields', () => {
    const result = almanak(['ask', '/summit putin trump', '--json']);
    expect(result.status).toBe(0);
    const reply = JSON.parse(result.stdout);
    expect(reply.total).toBe(4);
    for (const item of reply.items) {
      for (const key of ['date', 'eventDate', 'title', 'source', 'excerpt', 'highlights', 'origin']) expect(item).toHaveProperty(key);
    }
    expect(reply.items.map((item: { date: string }) => item.date)).toEqual(['2017-05', '2018-12', 'undated', 'undated']);
  });

  it('honours --db on every subcommand, filling a new archive from corpus/', () => {
    const other = join(dir, 'other.db');
    const result = almanak(['ask', '/stats', '--db', other]);
    expect(result.stderr).toMatch(/empty archive: ingested 5 articles/);
    expect(result.stdout).toMatch(/Articles: 5/);
    expect(almanak(['ingest', 'corpus', '--db', other]).stdout).toMatch(/^added 0, updated 0, skipped 5 \(unchanged\)/);
  });

  it('renders for a terminal with dates, source and excerpt', () => {
    const result = almanak(['ask', '/summit biden putin']);
    expect(result.stdout).toContain('2021-04');
    expect(result.stdout).toContain('*Biden*');
  });
});

describe('bad usage', () => {
  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['ingest'], /ingest needs files/],
    [['ask'], /ask needs a command line/],
    [['ask', '/help', '--nope'], /Unknown option '--nope'/],
  ])('%j gives one line and a non-zero exit', (args, message) => {
    const result = almanak(args);
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a bad config key in one line', () => {
    const env = { ...process.env, ALMANAK_DB: db, ALMANAK_TZ: 'Mars/Olympus' };
    const result = spawnSync(process.execPath, [ALMANAK, 'ask', '/stats'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/config key "timeZone".*IANA/);
  });
});

describe('almanak start without credentials', () => {
  it('answers piped lines in the console and exits at end of input', () => {
    const result = almanak(['start'], '/summit putin trump\nsummit biden putin\n\n/stats\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Meetings: putin, trump');
    expect(result.stdout).toContain('*G20-møtet* i Hamburg i juli');
    expect(result.stdout).toContain('Meetings: biden, putin');
    expect(result.stdout).toContain('Archive statistics');
  });
});
