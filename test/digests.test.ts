// Scheduled digests: selection, time zones and DST, weekdays, pause/resume, catch-up, exactly
// once across restarts and crashes, retries, channels that went away, permissions.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../commands/index.ts';
import { onThisDayDigest } from '../digests/on-this-day.ts';
import type { Caller } from '../src/command/definition.ts';
import { dispatchLine } from '../src/command/dispatch.ts';
import { deliverIfDue, type DeliveryDeps, type DeliveryPolicy } from '../src/digests/delivery.ts';
import { createLedger } from '../src/digests/ledger.ts';
import { instantOf, latestOccurrence, parseDays } from '../src/digests/schedule.ts';
import { createSubscriptionStore } from '../src/digests/subscriptions.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { createLogger, silentLogger } from '../src/logging.ts';
import { corpusArchive, type TestArchive } from './support/archive.ts';
import { recordingPoster, type RecordingPoster } from './support/fake-poster.ts';

let fixture: TestArchive;
let now: Date;
let poster: RecordingPoster;
let logLines: string[];
const policy: DeliveryPolicy = { catchUpMs: 6 * 3_600_000, maxItems: 20, retryAttempts: 4, retryBaseMs: 1000 };
const sleeps: number[] = [];

function deps(instance = 'a'): DeliveryDeps {
  return {
    archive: fixture.archive,
    ledger: createLedger(fixture.archive.db, instance),
    subscriptions: createSubscriptionStore(fixture.archive.db),
    posters: new Map([['slack', poster]]),
    logger: createLogger('info', (line) => logLines.push(line)),
    clock: { now: () => now },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

function subscribe(channel: string, time: string, timeZone: string, days = 'daily', createdAt = '2026-01-01T00:00:00Z') {
  const store = createSubscriptionStore(fixture.archive.db);
  store.upsert({ channel, kind: 'on-this-day', time, timeZone, days, empty: 'notice', origin: 'command' }, new Date(createdAt));
  return store.find(channel, 'on-this-day')!;
}

beforeEach(async () => {
  fixture = await corpusArchive();
  poster = recordingPoster();
  logLines = [];
  sleeps.length = 0;
});
afterEach(() => fixture.cleanup());

describe('on-this-day selection', () => {
  it('gives the 2018-12 article as "this month" on a December day', () => {
    const built = onThisDayDigest.build(fixture.archive, { year: 2025, month: 12, day: 5 }, { maxItems: 20 });
    expect(built.empty).toBe(false);
    expect(built.reply.items.map((i) => [i.origin, i.label, i.group])).toEqual([['000_681da5c3c7cb2603.txt', 'this month', '7 years ago']]);
    expect(built.reply.footer).toContain('/onthisday 2025-12-05');
  });

  it('puts day-precise articles and events first, grouped by years ago', async () => {
    const file = join(fixture.dir, 'day.txt');
    writeFileSync(file, ' date 2019-05-17 Trump og Putin talte i telefon om et topmøde.');
    await ingest(fixture.archive, [file]);
    const built = onThisDayDigest.build(fixture.archive, { year: 2026, month: 5, day: 17 }, { maxItems: 20 });
    expect(built.reply.items.map((i) => [i.date, i.label])).toEqual([
      ['2019-05-17', '7 years ago today'],
      ['2018-12', '8 years ago today'], // the event of 17 May 2018 named in the 2018-12 article
      ['2017-05', 'this month'],
    ]);
    expect(built.reply.items[1]!.eventDate).toBe('2018-05-17');
  });

  it('caps the digest and points to /onthisday for the rest', () => {
    const built = onThisDayDigest.build(fixture.archive, { year: 2026, month: 5, day: 17 }, { maxItems: 1 });
    expect(built.reply.items).toHaveLength(1);
    expect(built.reply.footer).toMatch(/1 more: \/onthisday 2026-05-17/);
  });
});

describe('time zones and DST', () => {
  it('places 08:00 in Oslo and New York on both sides of each DST change', () => {
    const at = (d: [number, number, number], h: number, m: number, tz: string) => instantOf({ year: d[0], month: d[1], day: d[2] }, h, m, tz).toISOString();
    expect(at([2026, 3, 28], 8, 0, 'Europe/Oslo')).toBe('2026-03-28T07:00:00.000Z');
    expect(at([2026, 3, 29], 8, 0, 'Europe/Oslo')).toBe('2026-03-29T06:00:00.000Z');
    expect(at([2026, 10, 25], 8, 0, 'Europe/Oslo')).toBe('2026-10-25T07:00:00.000Z');
    expect(at([2026, 3, 7], 8, 0, 'America/New_York')).toBe('2026-03-07T13:00:00.000Z');
    expect(at([2026, 3, 8], 8, 0, 'America/New_York')).toBe('2026-03-08T12:00:00.000Z');
    expect(at([2026, 11, 1], 8, 0, 'America/New_York')).toBe('2026-11-01T13:00:00.000Z');
  });

  it('moves a time inside the spring-forward gap to the end of the gap', () => {
    expect(instantOf({ year: 2026, month: 3, day: 29 }, 2, 30, 'Europe/Oslo').toISOString()).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(instantOf({ year: 2026, month: 3, day: 8 }, 2, 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
  });

  it('takes the first of the repeated autumn hour', () => {
    expect(instantOf({ year: 2026, month: 10, day: 25 }, 2, 30, 'Europe/Oslo').toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(instantOf({ year: 2026, month: 11, day: 1 }, 1, 30, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
  });

  it('posts a gap-day digest once, right after the gap, and a repeated-hour digest once', async () => {
    const gap = subscribe('slack:CGAP', '02:30', 'Europe/Oslo');
    for (const iso of ['2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', '2026-03-29T01:01:00Z', '2026-03-29T02:30:00Z']) {
      now = new Date(iso);
      await deliverIfDue(gap, deps(), policy);
    }
    expect(poster.posts).toHaveLength(1);
    const ledger = createLedger(fixture.archive.db, 'x').get({ channel: 'slack:CGAP', kind: 'on-this-day', localDate: '2026-03-29' });
    expect(ledger?.scheduled_for).toBe('2026-03-29T01:00:00.000Z');

    const autumn = subscribe('slack:CFALL', '02:30', 'Europe/Oslo');
    for (const iso of ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T01:31:00Z']) {
      now = new Date(iso);
      await deliverIfDue(autumn, deps(), policy);
    }
    expect(poster.posts.filter((p) => p.channelId === 'CFALL')).toHaveLength(1);
  });

  it('keeps to weekdays', () => {
    expect([...parseDays('weekdays')]).toEqual([1, 2, 3, 4, 5]);
    // Sunday 22 Nov 2026, noon in Oslo: the latest weekday occurrence is Friday the 20th.
    expect(latestOccurrence({ time: '08:00', timeZone: 'Europe/Oslo', days: 'weekdays' }, new Date('2026-11-22T12:00:00Z'))?.day).toEqual({ year: 2026, month: 11, day: 20 });
    expect(latestOccurrence({ time: '08:00', timeZone: 'Europe/Oslo', days: 'mon,wed' }, new Date('2026-11-24T12:00:00Z'))?.day).toEqual({ year: 2026, month: 11, day: 23 });
  });
});

describe('delivery', () => {
  const key = (channel: string, localDate: string) => ({ channel, kind: 'on-this-day', localDate });

  it('posts at the scheduled minute, not before, and once', async () => {
    const subscription = subscribe('slack:C1', '08:00', 'America/New_York', 'daily', '2026-11-24T00:00:00Z');
    now = new Date('2026-11-24T12:59:00Z'); // 07:59 in New York
    expect(await deliverIfDue(subscription, deps(), policy)).toBe('not-due');
    now = new Date('2026-11-24T13:00:00Z');
    expect(await deliverIfDue(subscription, deps(), policy)).toBe('posted');
    now = new Date('2026-11-24T13:01:00Z');
    expect(await deliverIfDue(subscription, deps(), policy)).toBe('already-handled');
    expect(poster.posts.map((p) => p.channelId)).toEqual(['C1']);
    expect(poster.posts[0]!.reply.title).toBe('On this day: 24 November 2026');
  });

  it('does not post twice after a restart in the middle of the day', async () => {
    const subscription = subscribe('slack:C1', '08:00', 'Europe/Oslo');
    now = new Date('2026-11-24T07:00:00Z');
    await deliverIfDue(subscription, deps('first-process'), policy);
    now = new Date('2026-11-24T11:00:00Z');
    expect(await deliverIfDue(subscription, deps('after-restart'), policy)).toBe('already-handled');
    expect(poster.posts).toHaveLength(1);
  });

  it('posts once when a process crashed between claim and post', async () => {
    const subscription = subscribe('slack:C1', '08:00', 'Europe/Oslo');
    const crashed = createLedger(fixture.archive.db, 'crashed');
    expect(crashed.claim(key('slack:C1', '2026-11-24'), new Date('2026-11-24T07:00:00Z'), new Date('2026-11-24T07:00:00Z'), false)).toBe(true);
    now = new Date('2026-11-24T07:01:00Z'); // within the claim's lease: the claimer may still be working
    expect(await deliverIfDue(subscription, deps('other'), policy)).toBe('already-handled');
    now = new Date('2026-11-24T07:05:00Z'); // the lease ran out with no post begun
    expect(await deliverIfDue(subscription, deps('other'), policy)).toBe('posted');
    expect(await deliverIfDue(subscription, deps('third'), policy)).toBe('already-handled');
    expect(poster.posts).toHaveLength(1);
  });

  it('never posts again after a crash once the post had begun', async () => {
    const subscription = subscribe('slack:C1', '08:00', 'Europe/Oslo');
    const crashed = createLedger(fixture.archive.db, 'crashed');
    crashed.claim(key('slack:C1', '2026-11-24'), new Date('2026-11-24T07:00:00Z'), new Date('2026-11-24T07:00:00Z'), false);
    crashed.mark(key('slack:C1', '2026-11-24'), 'posting', new Date('2026-11-24T07:00:01Z'));
    now = new Date('2026-11-24T09:00:00Z');
    expect(await deliverIfDue(subscription, deps('after-restart'), policy)).toBe('already-handled');
    expect(poster.posts).toHaveLength(0);
  });

  it('catches up a digest missed within the window, marked late; skips and logs an older one', async () => {
    const subscription = subscribe('slack:C1', '08:00', 'Europe/Oslo');
    now = new Date('2026-11-24T10:00:00Z'); // three hours late
    expect(await deliverIfDue(subscription, deps(), policy)).toBe('posted');
    expect(poster.posts[0]!.reply.text).toMatch(/Posted late/);

    const other = subscribe('slack:C2', '08:00', 'Europe/Oslo');
    now = new Date('2026-11-24T15:30:00Z'); // 8.5 hours late
    expect(await deliverIfDue(other, deps(), policy)).toBe('skipped-too-late');
    expect(poster.posts).toHaveLength(1);
    expect(logLines.some((line) => /digest skipped/.test(line) && /slack:C2/.test(line))).toBe(true);
    expect(createLedger(fixture.archive.db, 'x').get(key('slack:C2', '2026-11-24'))?.status).toBe('skipped');
  });

  it('retries a rate-limited post after its retry-after and records the outcome', async () => {
    const subscription = subscribe('slack:C1', '08:00', 'Europe/Oslo');
    poster.failures.push({ ok: false, reason: 'rate-limited', retryable: true, retryAfterMs: 1500, message: 'ratelimited' });
    poster.failures.push({ ok: false, reason: 'error', retryable: true, message: 'HTTP 503' });
    now = new Date('2026-11-24T07:00:00Z');
    expect(await deliverIfDue(subscription, deps(), policy)).toBe('posted');
    expect(sleeps).toEqual([1500, 2000]);
    const row = createLedger(fixture.archive.db, 'x').get(key('slack:C1', '2026-11-24'));
    expect([row?.status, row?.attempts]).toEqual(['posted', 3]);
  });

  it('gives up after the configured attempts and records the failure', async () => {
    const subscription = subscribe('slack:C1', '08:00', 'Europe/Oslo');
    for (let i = 0; i < 4; i += 1) poster.failures.push({ ok: false, reason: 'error', retryable: true, message: 'HTTP 500' });
    now = new Date('2026-11-24T07:00:00Z');
    expect(await deliverIfDue(subscription, deps(), policy)).toBe('failed');
    expect(createLedger(fixture.archive.db, 'x').get(key('slack:C1', '2026-11-24'))).toMatchObject({ status: 'failed', attempts: 4, detail: 'HTTP 500' });
  });

  it('pauses the subscription of a channel that is gone, instead of retrying forever', async () => {
    const subscription = subscribe('slack:C1', '08:00', 'Europe/Oslo');
    poster.failures.push({ ok: false, reason: 'gone', retryable: false, message: 'channel_not_found' });
    now = new Date('2026-11-24T07:00:00Z');
    expect(await deliverIfDue(subscription, deps(), policy)).toBe('channel-unavailable');
    const paused = createSubscriptionStore(fixture.archive.db).find('slack:C1', 'on-this-day')!;
    expect([paused.status, paused.pausedReason]).toEqual(['paused', 'cannot post: channel_not_found']);
    now = new Date('2026-11-25T07:00:00Z');
    expect(await deliverIfDue(paused, deps(), policy)).toBe('paused');
    expect(logLines.some((line) => /subscription paused/.test(line))).toBe(true);
  });

  it('does not catch up what was missed while paused', async () => {
    const store = createSubscriptionStore(fixture.archive.db);
    subscribe('slack:C1', '08:00', 'Europe/Oslo');
    store.pause('slack:C1', 'on-this-day', null);
    now = new Date('2026-11-24T07:00:00Z');
    expect(await deliverIfDue(store.find('slack:C1', 'on-this-day')!, deps(), policy)).toBe('paused');
    store.resume('slack:C1', 'on-this-day', new Date('2026-11-24T09:00:00Z'));
    now = new Date('2026-11-24T09:30:00Z');
    expect(await deliverIfDue(store.find('slack:C1', 'on-this-day')!, deps(), policy)).toBe('not-due');
    now = new Date('2026-11-25T07:00:00Z');
    expect(await deliverIfDue(store.find('slack:C1', 'on-this-day')!, deps(), policy)).toBe('posted');
  });

  it('skips an empty day, or posts a notice when asked to', async () => {
    const store = createSubscriptionStore(fixture.archive.db);
    store.upsert({ channel: 'slack:CS', kind: 'on-this-day', time: '08:00', timeZone: 'Europe/Oslo', days: 'daily', empty: 'skip', origin: 'command' }, new Date('2026-01-01'));
    now = new Date('2026-02-10T07:00:00Z');
    expect(await deliverIfDue(store.find('slack:CS', 'on-this-day')!, deps(), policy)).toBe('skipped-empty');
    const notice = subscribe('slack:CN', '08:00', 'Europe/Oslo');
    expect(await deliverIfDue(notice, deps(), policy)).toBe('posted');
    expect(poster.posts[0]!.reply.text).toMatch(/Nothing in the archive/);
  });
});

describe('/digest', () => {
  const caller = (canManageChannel: boolean): Caller => ({ platform: 'discord', channelId: '42', userId: 'u1', canManageChannel });
  const run = (line: string, who: Caller = caller(true)) =>
    dispatchLine(registry, line, {
      archive: fixture.archive,
      clock: { now: () => new Date('2026-12-05T10:00:00Z') },
      timeZone: 'Europe/Copenhagen',
      logger: silentLogger,
      caller: who,
      pageSize: 10,
    });

  it('subscribes with defaults, lists, pauses, resumes and unsubscribes', async () => {
    expect((await run('/digest subscribe')).text).toMatch(/on-this-day: 08:00 Europe\/Copenhagen, daily, empty days skipped — active/);
    expect((await run('/digest subscribe time:7:30 tz:Europe/Oslo days:mon,wed,fri empty:notice')).text).toMatch(/07:30 Europe\/Oslo, mon,wed,fri, empty days noticed/);
    expect((await run('/digest pause')).title).toBe('Digest paused');
    expect((await run('/digest list')).text).toMatch(/paused/);
    expect((await run('/digest resume')).title).toBe('Digest resumed');
    expect((await run('/digest unsubscribe')).title).toBe('Digest removed');
    expect((await run('/digest list')).text).toMatch(/None/);
  });

  it('refuses changes from someone who may not manage the channel, but lets them list and preview', async () => {
    expect((await run('/digest subscribe', caller(false))).title).toBe('Not allowed');
    expect((await run('/digest list', caller(false))).kind).toBe('info');
    expect((await run('/digest preview', caller(false))).kind).toBe('results');
  });

  it('previews exactly what would be posted', async () => {
    const preview = await run('/digest preview');
    expect(preview.title).toBe('Preview: On this day: 5 December 2026');
    expect(preview.items.map((i) => [i.origin, i.label])).toEqual([['000_681da5c3c7cb2603.txt', 'this month']]);
    expect((await run('/digest preview 2026-02-10')).text).toMatch(/Nothing would be posted/);
  });

  it.each([
    ['/digest subscribe tz:Mars/Olympus', /Option "tz".*IANA/],
    ['/digest subscribe time:25:00', /Option "time".*not a time of day/],
    ['/digest subscribe time:8am', /Option "time".*HH:MM/],
    ['/digest subscribe days:', /Option "days".*empty/],
    ['/digest subscribe days:funday', /Option "days".*not a day/],
    ['/digest subscribe empty:maybe', /Option "empty"/],
    ['/digest subscribe kind:weather', /Option "kind".*unknown digest kind/],
    ['/digest frobnicate', /Option "subcommand"/],
    ['/digest preview 2026-02-30', /Option "date"/],
  ])('refuses %s with a message saying what is wrong', async (line, message) => {
    const reply = await run(line);
    expect(reply.kind).toBe('error');
    expect(reply.text).toMatch(message);
  });

  it('asks for a channel when run from the console', async () => {
    expect((await run('/digest subscribe', { platform: 'console' })).title).toBe('/digest needs a channel');
  });
});
