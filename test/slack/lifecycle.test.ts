// Starting and stopping: auth.test through the overridable Web API base, clear start-up errors
// (never an unhandled rejection), the port rule, a graceful stop() that closes the receiver,
// lets running handlers finish, then resolves; and Socket Mode, chosen by config.slack.mode.
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createRegistry } from '../../src/command/dispatch.ts';
import { createLogger, silentLogger } from '../../src/logging.ts';
import { SlackStartError, startSlack, type SlackRuntime } from '../../src/platforms/slack/index.ts';
import type { PlatformDeps } from '../../src/platforms/types.ts';
import { corpusArchive, type TestArchive } from '../support/archive.ts';
import { runStandInConsole } from '../standins/slack/console.ts';
import { blockActionPayload, eventCallback, newEventId, slashCommandPayload } from '../standins/slack/client.ts';
import { failures, startSlackStandIn, type SlackStandIn } from '../standins/slack/server.ts';
import { fastRetry, itemSections, moreButtonValue, startHarness } from './harness.ts';
import { gate, testRegistry } from './test-commands.ts';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let fixture: TestArchive;
let standIn: SlackStandIn;
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  fixture = await corpusArchive();
  standIn = await startSlackStandIn();
});
afterAll(async () => {
  await standIn.close();
  fixture.cleanup();
  await delay(50);
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

function deps(overrides: Partial<PlatformDeps> = {}): PlatformDeps {
  return {
    archive: fixture.archive,
    registry: createRegistry(commands),
    config: fixture.archive.config,
    credentials: { slack: { botToken: standIn.botToken, signingSecret: standIn.signingSecret, apiUrl: standIn.apiUrl }, port: 0 },
    logger: silentLogger,
    clock: { now: () => new Date() },
    ...overrides,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('auth.test goes to the overridden Web API base with the bot token; port 0 picks a free port', async () => {
  const before = standIn.calls('auth.test').length;
  const runtime = await startSlack(deps(), { retry: fastRetry, host: '127.0.0.1' });
  try {
    const calls = standIn.calls('auth.test').slice(before);
    expect(calls).toHaveLength(1); // Bolt does not call it a second time
    expect(calls[0]!.headers.authorization).toBe(`Bearer ${standIn.botToken}`);
    expect(runtime).toMatchObject({ name: 'slack', mode: 'http', botUserId: standIn.botUserId });
    expect(runtime.port).toBeGreaterThan(0);
  } finally {
    await runtime.stop();
  }
});

test('without PORT the receiver listens on config.slack.port', async () => {
  const port = await freePort();
  const config = { ...fixture.archive.config, slack: { ...fixture.archive.config.slack, port } };
  const runtime = await startSlack(deps({ config, credentials: { slack: { botToken: standIn.botToken, signingSecret: standIn.signingSecret, apiUrl: standIn.apiUrl } } }), {
    retry: fastRetry,
    host: '127.0.0.1',
  });
  try {
    expect(runtime.port).toBe(port);
  } finally {
    await runtime.stop();
  }
});

test('a token Slack refuses fails start-up with a SlackStartError, not an unhandled rejection', async () => {
  standIn.inject({ target: 'auth.test', reply: failures.platform('invalid_auth') });
  const start = startSlack(deps(), { retry: fastRetry, host: '127.0.0.1' });
  await expect(start).rejects.toBeInstanceOf(SlackStartError);
  await expect(start).rejects.toThrow(/invalid_auth/);
});

test('a Web API that is down at start-up is retried, then reported', async () => {
  standIn.inject({ target: 'auth.test', times: 2, reply: failures.serverError(503) });
  const runtime = await startSlack(deps(), { retry: fastRetry, host: '127.0.0.1' });
  await runtime.stop();

  const closed = await startSlackStandIn();
  const api = closed.apiUrl;
  await closed.close();
  const start = startSlack(deps({ credentials: { slack: { botToken: standIn.botToken, signingSecret: standIn.signingSecret, apiUrl: api }, port: 0 } }), { retry: fastRetry });
  await expect(start).rejects.toBeInstanceOf(SlackStartError);
});

test('Socket Mode with an app token Slack refuses: a SlackStartError, and no reconnecting afterwards', async () => {
  const config = { ...fixture.archive.config, slack: { ...fixture.archive.config.slack, mode: 'socket' as const } };
  const before = standIn.calls('apps.connections.open').length;
  const start = startSlack(deps({ config, credentials: { slack: { botToken: standIn.botToken, appToken: 'xapp-1-refused', apiUrl: standIn.apiUrl } } }), { retry: fastRetry });
  await expect(start).rejects.toThrow(/invalid_auth/);
  await delay(100);
  expect(standIn.calls('apps.connections.open').length - before).toBe(1);
});

test('missing Slack credentials or signing secret: a clear SlackStartError', async () => {
  await expect(startSlack(deps({ credentials: {} }))).rejects.toThrow(/SLACK_BOT_TOKEN/);
  await expect(startSlack(deps({ credentials: { slack: { botToken: standIn.botToken } } }))).rejects.toThrow(/SLACK_SIGNING_SECRET/);
  const socket = { ...fixture.archive.config, slack: { ...fixture.archive.config.slack, mode: 'socket' as const } };
  await expect(startSlack(deps({ config: socket, credentials: { slack: { botToken: standIn.botToken } } }))).rejects.toThrow(/SLACK_APP_TOKEN/);
});

test('stop() closes the receiver at once, waits for the running handler, then resolves', async () => {
  const harness = await startHarness({ registry: testRegistry() });
  try {
    const sent = await harness.client.slashCommand({ command: '/slow' });
    expect(sent.status).toBe(200);

    let stopped = false;
    const stopping = harness.runtime.stop().then(() => {
      stopped = true;
    });
    await delay(100);
    expect(stopped).toBe(false);
    // No new requests: the port no longer accepts connections.
    await expect(harness.client.slashCommand({ command: '/stats' })).rejects.toThrow();

    gate.open();
    await stopping;
    // The answer was delivered before stop() resolved.
    const delivered = harness.standIn.calls('response_url', sent.responseUrl);
    expect(delivered).toHaveLength(1);
    expect(JSON.stringify(delivered[0]!.body)).toContain('Done at last.');
  } finally {
    await harness.close();
  }
});

test('stop() twice is safe', async () => {
  const runtime = await startSlack(deps(), { retry: fastRetry, host: '127.0.0.1' });
  await Promise.all([runtime.stop(), runtime.stop()]);
  await runtime.stop();
});

describe('Socket Mode (config.slack.mode = "socket")', () => {
  let runtime: SlackRuntime;
  const logLines: string[] = [];
  beforeAll(async () => {
    const config = { ...fixture.archive.config, pageSize: 2, slack: { ...fixture.archive.config.slack, mode: 'socket' as const } };
    runtime = await startSlack(
      // No signing secret: Socket Mode does not need one.
      deps({ config, credentials: { slack: { botToken: standIn.botToken, appToken: standIn.appToken, apiUrl: standIn.apiUrl } }, logger: createLogger('info', (line) => logLines.push(line)) }),
      { retry: fastRetry },
    );
    await standIn.socketMode.connected();
  });
  afterAll(() => runtime.stop());

  test('the connection is opened with the app-level token, and no HTTP port is listening', () => {
    const open = standIn.calls('apps.connections.open').at(-1);
    expect(open!.headers.authorization).toBe(`Bearer ${standIn.appToken}`);
    expect(runtime.mode).toBe('socket');
    expect(runtime.port).toBeUndefined();
  });

  test('a slash command envelope is acknowledged at once and answered at its response_url; More works too', async () => {
    const responseUrl = standIn.newResponseUrl();
    const sent = await standIn.socketMode.send('slash_commands', slashCommandPayload(standIn, { command: '/summit', text: 'putin trump' }, responseUrl));
    expect(sent.ack.envelope_id).toBe(sent.envelopeId);
    expect(sent.elapsedMs).toBeLessThan(3000);
    const [answer] = await standIn.waitFor((request) => request.path === new URL(responseUrl).pathname);
    expect(itemSections(answer!.body).map((text) => /^\*([^*]+)\*/.exec(text)![1])).toEqual(['2017-05', '2018-12']);

    const clickUrl = standIn.newResponseUrl();
    await standIn.socketMode.send('interactive', blockActionPayload(standIn, { value: moreButtonValue(answer!.body)! }, clickUrl));
    const [page2] = await standIn.waitFor((request) => request.path === new URL(clickUrl).pathname);
    expect(page2!.body.replace_original).toBe(true);
    expect(itemSections(page2!.body).map((text) => /^\*([^*]+)\*/.exec(text)![1])).toEqual(['undated', 'undated']);
  });

  test('a DM envelope is answered with chat.postMessage; its redelivery (retry_attempt 1) is not', async () => {
    const eventId = newEventId();
    const event = { type: 'message', channel: 'D0SOCKET', channel_type: 'im', user: 'U0ALICE', ts: '1700000600.000001', text: 'summit putin trump' };
    await standIn.socketMode.send('events_api', eventCallback(standIn, event, eventId));
    await standIn.socketMode.send('events_api', eventCallback(standIn, event, eventId), { retryAttempt: 1 });
    await standIn.waitFor((request) => request.method === 'chat.postMessage' && request.body.channel === 'D0SOCKET');
    await delay(50);
    expect(standIn.calls('chat.postMessage').filter((request) => request.body.channel === 'D0SOCKET')).toHaveLength(1);
  });

  test('the app token never reaches the log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(standIn.appToken);
  });
});

test('the stand-in console (run.ts): prints the environment, sends typed lines signed, prints the answers', async () => {
  const port = await freePort();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  let runtime: SlackRuntime | undefined;
  const config = { ...fixture.archive.config, pageSize: 2 };
  const session = runStandInConsole({
    input,
    output,
    botUrl: `http://127.0.0.1:${port}/slack/events`,
    timeoutMs: 3000,
    settleMs: 30,
    onReady: async (console) => {
      runtime = await startSlack(
        deps({ config, credentials: { slack: { botToken: console.botToken, signingSecret: console.signingSecret, apiUrl: console.apiUrl }, port } }),
        { retry: fastRetry, host: '127.0.0.1' },
      );
    },
  });
  input.end('/summit putin trump\nmore\ndm stats\nquit\n');
  await session;
  await runtime?.stop();
  expect(printed).toMatch(/export SLACK_BOT_TOKEN=xoxb-\S+/);
  expect(printed).toMatch(/export SLACK_SIGNING_SECRET=[0-9a-f]{32}/);
  expect(printed).toMatch(/export SLACK_API_URL=http:\/\/127\.0\.0\.1:\d+\/api\//);
  expect(printed).toContain(`export PORT=${port}`);
  expect(printed).toMatch(/> \/summit: HTTP 200/);
  expect(printed).toContain('== Meetings: putin, trump ==');
  expect(printed).toContain('Hamburg i juli');
  expect(printed).toContain('[More (page 2 of 2)]');
  expect(printed).toContain('replaces the original');
  expect(printed).toContain('== Archive statistics ==');
  expect(printed).toContain('Slack stand-in stopped.');
});
