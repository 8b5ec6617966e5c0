// /feeds as admins and members type it: adding, listing (with each feed's last success, last
// error and article count) and removing feeds, and a clear message for bad input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import type { Caller } from '../../src/command/definition.ts';
import { dispatchLine } from '../../src/command/dispatch.ts';
import { createFeedStore } from '../../src/feeds/feed-store.ts';
import { silentLogger } from '../../src/logging.ts';
import { emptyArchive, type TestArchive } from '../support/archive.ts';

let fixture: TestArchive;
beforeEach(() => {
  fixture = emptyArchive();
});
afterEach(() => fixture.cleanup());

const ADMIN: Caller = { platform: 'discord', channelId: '99', userId: 'U1', canManageChannel: true };
const MEMBER: Caller = { platform: 'discord', channelId: '99', userId: 'U2', canManageChannel: false };
const run = (line: string, caller: Caller = ADMIN) =>
  dispatchLine(registry, line, {
    archive: fixture.archive,
    clock: { now: () => new Date('2026-03-10T12:00:00Z') },
    timeZone: 'Europe/Copenhagen',
    logger: silentLogger,
    caller,
    pageSize: 10,
  });

describe('/feeds', () => {
  it('adds a feed for an admin, due at once', async () => {
    const reply = await run('/feeds add https://www.dr.dk/nyheder/service/feeds/allenyheder lang:da every:30');
    expect(reply).toMatchObject({ kind: 'info', title: 'Feed added' });
    expect(reply.text).toContain('without alerting anyone');
    expect(createFeedStore(fixture.archive.db).all()).toMatchObject([
      { url: 'https://www.dr.dk/nyheder/service/feeds/allenyheder', language: 'da', intervalMinutes: 30, origin: 'command', addedBy: 'U1', nextPollAt: '2026-03-10T12:00:00.000Z' },
    ]);
    expect((await run('/feeds add HTTPS://WWW.DR.DK/nyheder/service/feeds/allenyheder')).title).toBe('Feed already polled');
  });

  it('refuses members, but lists for them', async () => {
    expect(await run('/feeds add https://nrk.no/toppsaker.rss', MEMBER)).toMatchObject({ kind: 'error', title: 'Not allowed' });
    expect(createFeedStore(fixture.archive.db).all()).toEqual([]);
    expect((await run('/feeds list', MEMBER)).text).toContain('polls no feeds yet');
  });

  it.each([
    ['/feeds add', "Give the feed's address"],
    ['/feeds add nrk.no/toppsaker.rss', 'is not a URL'],
    ['/feeds add ftp://nrk.no/toppsaker.rss', 'Only http and https feeds'],
    ['/feeds add javascript:alert(1)', 'Only http and https feeds'],
    ['/feeds add https://bruger:kode@nrk.no/rss', 'user name or password'],
    ['/feeds add https://nrk.no/rss every:0', 'Option "every": must be at least 1 minute'],
    ['/feeds add https://nrk.no/rss lang:sv', 'Option "lang": must be da, no or en'],
    ['/feeds remove', 'which feed'],
    ['/feeds frobnicate', 'choose one of add, remove, list'],
  ])('explains what is wrong with %j', async (line, message) => {
    const reply = await run(line);
    expect(reply.kind).toBe('error');
    expect(`${reply.title} ${reply.text}`).toContain(message);
  });

  it('lists each feed with its last success, last error and article count', async () => {
    await run('/feeds add https://nrk.no/toppsaker.rss');
    const store = createFeedStore(fixture.archive.db);
    const feed = store.find('https://nrk.no/toppsaker.rss')!;
    store.recordSuccess(feed.id, { now: new Date('2026-03-10T11:00:00Z'), nextPollAt: new Date('2026-03-10T11:15:00Z'), read: true, title: 'NRK Toppsaker' });
    store.recordFailure(feed.id, { now: new Date('2026-03-10T11:15:00Z'), error: 'timed out after 15 s', nextPollAt: () => new Date('2026-03-10T11:45:00Z') });
    const reply = await run('/feeds list', MEMBER);
    expect(reply.fields).toEqual([
      {
        name: '#1 NRK Toppsaker',
        value:
          'https://nrk.no/toppsaker.rss\nevery 15 min · 0 articles · last success 2026-03-10 12:00 · last error 2026-03-10 12:15: timed out after 15 s (1 in a row; next try 2026-03-10 12:45)',
      },
    ]);
  });

  it('removes a feed by URL or number, keeping its articles; a config feed must be removed in config', async () => {
    await run('/feeds add https://nrk.no/toppsaker.rss');
    await run('/feeds add https://www.dr.dk/nyheder/service/feeds/allenyheder');
    expect((await run('/feeds remove https://nrk.no/toppsaker.rss', MEMBER)).title).toBe('Not allowed');
    expect(await run('/feeds remove https://nrk.no/toppsaker.rss')).toMatchObject({ title: 'Feed removed', text: expect.stringContaining('stay in the archive') as unknown });
    expect((await run('/feeds remove #2')).title).toBe('Feed removed');
    expect((await run('/feeds remove 2')).title).toBe('/feeds remove: no such feed');

    const configured = emptyArchive({ feeds: [{ url: 'https://vg.no/rss', intervalMinutes: 15 }] });
    try {
      createFeedStore(configured.archive.db).syncConfigured(configured.archive.config.feeds, new Date());
      const reply = await dispatchLine(registry, '/feeds remove https://vg.no/rss', {
        archive: configured.archive, clock: { now: () => new Date() }, timeZone: 'UTC', logger: silentLogger, caller: ADMIN, pageSize: 10,
      });
      expect(reply).toMatchObject({ kind: 'error', title: '/feeds remove: declared in config' });
    } finally {
      configured.cleanup();
    }
  });
});
