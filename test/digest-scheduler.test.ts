// The scheduler in real processes and real cron timing: two bot processes sharing one store
// post a digest once; node-cron fires a subscription at its minute in its own time zone.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLedger } from '../src/digests/ledger.ts';
import { startDigestScheduler } from '../src/digests/scheduler.ts';
import { createSubscriptionStore } from '../src/digests/subscriptions.ts';
import { silentLogger } from '../src/logging.ts';
import { corpusArchive, type TestArchive } from './support/archive.ts';
import { recordingPoster } from './support/fake-poster.ts';

const RUN_TS = resolve(import.meta.dirname, '../bin/run-ts.js');
const WORKER = resolve(import.meta.dirname, 'support/digest-worker.ts');
let fixture: TestArchive | undefined;
afterEach(() => {
  vi.useRealTimers();
  fixture?.cleanup();
});

describe('two processes sharing one store', () => {
  it('post the digest once', async () => {
    fixture = await corpusArchive();
    const now = new Date();
    const due = new Date(now.getTime() - 60_000); // scheduled a minute ago, in UTC
    const time = `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`;
    createSubscriptionStore(fixture.archive.db).upsert(
      { channel: 'slack:CSHARED', kind: 'on-this-day', time, timeZone: 'UTC', days: 'daily', empty: 'notice', origin: 'command' },
      new Date(now.getTime() - 86_400_000),
    );
    const posts: string[] = [];
    const counter = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        posts.push(body);
        response.end('ok');
      });
    });
    await new Promise<void>((done) => counter.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(counter.address() as AddressInfo).port}/`;
    const run = (instance: string) =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [RUN_TS, WORKER, fixture!.dbPath, url, instance], { stdio: 'ignore' });
        child.on('exit', done);
      });
    const codes = await Promise.all([run('one'), run('two')]);
    counter.close();
    expect(codes).toEqual([0, 0]);
    expect(posts).toHaveLength(1);
    const row = createLedger(fixture.archive.db, 'test').get({ channel: 'slack:CSHARED', kind: 'on-this-day', localDate: due.toISOString().slice(0, 10) });
    expect(row?.status).toBe('posted');
  }, 30_000);
});

describe('node-cron timing', () => {
  it('fires a subscription at its minute in its own time zone (clock moved to just before it)', async () => {
    fixture = await corpusArchive();
    // Only Date is faked: node-cron's real timers run, reading a clock set to 07:59:58 in Oslo.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-12-05T06:59:58Z'));
    createSubscriptionStore(fixture.archive.db).upsert(
      { channel: 'slack:COSLO', kind: 'on-this-day', time: '08:00', timeZone: 'Europe/Oslo', days: 'daily', empty: 'skip', origin: 'command' },
      new Date('2026-12-01T00:00:00Z'),
    );
    const poster = recordingPoster();
    const scheduler = await startDigestScheduler(
      {
        archive: fixture.archive,
        ledger: createLedger(fixture.archive.db, 'cron'),
        subscriptions: createSubscriptionStore(fixture.archive.db),
        posters: new Map([['slack', poster]]),
        logger: silentLogger,
        clock: { now: () => new Date() },
        sleep: async () => undefined,
      },
      { catchUpMs: 3_600_000, maxItems: 20, retryAttempts: 1, retryBaseMs: 1 },
      silentLogger,
    );
    expect(poster.posts).toHaveLength(0); // 07:59:58: not yet
    await vi.waitFor(() => expect(poster.posts).toHaveLength(1), { timeout: 20_000, interval: 50 });
    const postedAt = new Date();
    expect(postedAt.toISOString() >= '2026-12-05T07:00:00.000Z').toBe(true);
    // Before the minute sweep's next tick (07:01:00): the subscription's own cron task posted it,
    // even when a loaded machine runs the tick seconds late.
    expect(postedAt.toISOString() < '2026-12-05T07:00:30.000Z').toBe(true);
    expect(poster.posts[0]!.reply.items[0]!.label).toBe('this month');
    await scheduler.stop();
  }, 30_000);
});
