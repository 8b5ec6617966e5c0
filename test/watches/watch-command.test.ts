// /watch as users type it: setting, listing and removing watches, who may do what, and a clear
// message for every kind of bad input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import type { Caller } from '../../src/command/definition.ts';
import { dispatchLine } from '../../src/command/dispatch.ts';
import { silentLogger } from '../../src/logging.ts';
import { createWatchStore } from '../../src/watches/watch-store.ts';
import { corpusArchive, type TestArchive } from '../support/archive.ts';

let fixture: TestArchive;
beforeEach(async () => {
  fixture = await corpusArchive();
});
afterEach(() => fixture.cleanup());

const ADMIN: Caller = { platform: 'slack', channelId: 'C1', userId: 'U1', canManageChannel: true };
const MEMBER: Caller = { platform: 'slack', channelId: 'C1', userId: 'U2', canManageChannel: false };
const run = (line: string, caller: Caller = ADMIN) =>
  dispatchLine(registry, line, {
    archive: fixture.archive,
    clock: { now: () => new Date('2026-03-10T12:00:00Z') },
    timeZone: 'Europe/Copenhagen',
    logger: silentLogger,
    caller,
    pageSize: 10,
  });
const watches = () => createWatchStore(fixture.archive.db).forChannel('slack:C1');

describe('/watch', () => {
  it('sets a watch for all the words, in this channel', async () => {
    const reply = await run('/watch Topmøde Oslo');
    expect(reply).toMatchObject({ kind: 'info', title: 'Watching: topmøde oslo (#1)' });
    expect(reply.text).toContain('at most one post every 10 minutes');
    expect(reply.text).toContain('No feeds are polled yet');
    expect(watches()).toMatchObject([{ id: 1, channel: 'slack:C1', mode: 'search', query: 'topmøde oslo', createdBy: 'U1' }]);
  });

  it('sets a summit watch with summit: or mode:summit, and knows them for the same watch', async () => {
    expect((await run('/watch summit:putin trump')).title).toBe('Watching: summit:putin trump (#1)');
    expect((await run('/watch Putin Trump mode:summit')).title).toBe('Already watching');
    expect(watches()).toMatchObject([{ mode: 'summit', query: 'putin trump' }]);
  });

  it('lists the channel\'s watches for anyone, and removes one by id for admins', async () => {
    await run('/watch topmøde');
    await run('/watch summit:putin trump');
    const list = await run('/watch list', MEMBER);
    expect(list.kind).toBe('info');
    expect(list.text).toContain('#1 topmøde (articles with every word)');
    expect(list.text).toContain('#2 summit:putin trump (meetings, calls and summits between them)');
    expect((await run('/watch remove 1', MEMBER)).title).toBe('Not allowed');
    expect((await run('/watch remove 1')).title).toBe('Watch removed');
    expect((await run('/watch remove:#2')).title).toBe('Watch removed');
    expect(watches()).toEqual([]);
    expect((await run('/watch list')).text).toContain('None.');
  });

  it('shows a watch paused because the channel could not be posted to, and resumes it when set again', async () => {
    await run('/watch topmøde');
    createWatchStore(fixture.archive.db).pauseChannel('slack:C1', 'cannot post: not_in_channel');
    expect((await run('/watch list')).text).toContain('#1 topmøde (articles with every word) — paused (cannot post: not_in_channel)');
    expect((await run('/watch topmøde')).title).toBe('Watch resumed: topmøde (#1)');
    expect(watches()).toMatchObject([{ status: 'active', pausedReason: null, activeSince: '2026-03-10T12:00:00.000Z' }]);
  });

  it('refuses to set or remove a watch for someone who may not manage the channel', async () => {
    const reply = await run('/watch topmøde', MEMBER);
    expect(reply).toMatchObject({ kind: 'error', title: 'Not allowed' });
    expect(watches()).toEqual([]);
  });

  it('needs a channel', async () => {
    expect(await run('/watch topmøde', { platform: 'console' })).toMatchObject({ kind: 'error', title: '/watch needs a channel' });
  });

  it.each([
    ['/watch', 'Say what to watch for'],
    ['/watch og i det', '"og i det" are only common words'],
    ['/watch summit:', 'Say what to watch for'],
    ['/watch summit:putin mode:search', 'contradict'],
    ['/watch summit:putin trump biden zelensky macron scholz merkel', 'Name at most 6 people; you named 7'],
    [`/watch ${'ord '.repeat(60)}`, 'at most 200 characters'],
  ])('explains what is wrong with %j', async (line, message) => {
    const reply = await run(line);
    expect(reply.kind).toBe('error');
    expect(reply.text).toContain(message);
    expect(watches()).toEqual([]);
  });

  it('explains an unknown or malformed watch id', async () => {
    expect(await run('/watch remove 7')).toMatchObject({ kind: 'error', text: expect.stringContaining('no watch #7') as unknown });
    expect(await run('/watch remove abc')).toMatchObject({ kind: 'error', text: expect.stringContaining('"abc" is not a watch id') as unknown });
    expect(await run('/watch remove')).toMatchObject({ kind: 'error', text: expect.stringContaining('is not a watch id') as unknown });
  });

  it('rejects an unknown mode', async () => {
    const reply = await run('/watch putin mode:fuzzy');
    expect(reply).toMatchObject({ kind: 'error', text: expect.stringContaining('Option "mode": must be search or summit') as unknown });
  });

  it('keeps each channel\'s watches apart', async () => {
    await run('/watch topmøde');
    await run('/watch topmøde', { ...ADMIN, channelId: 'C2' });
    expect(await run('/watch remove 2')).toMatchObject({ kind: 'error' });
    expect(createWatchStore(fixture.archive.db).forChannel('slack:C2')).toHaveLength(1);
  });
});
