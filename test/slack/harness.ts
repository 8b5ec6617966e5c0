// Test harness: the corpus archive, the Slack stand-in, and almanak's real Slack adapter (real
// Bolt, real HTTP on 127.0.0.1) started against it, with every log line captured.
import type { AlmanakConfig } from '../../config/schema.ts';
import { registry as defaultRegistry } from '../../commands/index.ts';
import type { Registry } from '../../src/command/dispatch.ts';
import type { Clock } from '../../src/command/definition.ts';
import { createLogger } from '../../src/logging.ts';
import { startSlack, type SlackOptions, type SlackRuntime } from '../../src/platforms/slack/index.ts';
import type { RetryPolicy } from '../../src/platforms/slack/retry.ts';
import { corpusArchive, type TestArchive } from '../support/archive.ts';
import { slackEventsClient, type SlackEventsClient } from '../standins/slack/client.ts';
import { startSlackStandIn, type RecordedRequest, type SlackStandIn } from '../standins/slack/server.ts';

/** Short delays so retries and backoff cost milliseconds in tests. */
export const fastRetry: RetryPolicy = { retries: 3, baseDelayMs: 10, maxRetryAfterMs: 5000 };

export interface HarnessOptions {
  readonly registry?: Registry;
  readonly config?: Partial<AlmanakConfig>;
  readonly retry?: RetryPolicy;
  readonly slack?: Partial<SlackOptions>;
  readonly clock?: Clock;
}

export interface Harness {
  readonly fixture: TestArchive;
  readonly standIn: SlackStandIn;
  readonly runtime: SlackRuntime;
  readonly client: SlackEventsClient;
  readonly logLines: string[];
  logs(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fixture = await corpusArchive(options.config ?? {});
  const standIn = await startSlackStandIn();
  const logLines: string[] = [];
  let runtime: SlackRuntime;
  try {
    runtime = await startSlack(
      {
        archive: fixture.archive,
        registry: options.registry ?? defaultRegistry,
        config: fixture.archive.config,
        credentials: { slack: { botToken: standIn.botToken, signingSecret: standIn.signingSecret, apiUrl: standIn.apiUrl }, port: 0 },
        logger: createLogger('info', (line) => logLines.push(line)),
        clock: options.clock ?? { now: () => new Date() },
      },
      { retry: options.retry ?? fastRetry, host: '127.0.0.1', stopTimeoutMs: 3000, ...options.slack },
    );
  } catch (error) {
    await standIn.close();
    fixture.cleanup();
    throw error;
  }
  const client = slackEventsClient(standIn, `http://127.0.0.1:${runtime.port}/slack/events`);
  return {
    fixture,
    standIn,
    runtime,
    client,
    logLines,
    logs: () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>),
    async close() {
      await runtime.stop();
      await standIn.close();
      fixture.cleanup();
    },
  };
}

/** Waits for the posts to one response_url. */
export function responses(harness: Harness, responseUrl: string, count = 1): Promise<RecordedRequest[]> {
  const path = new URL(responseUrl).pathname;
  return harness.standIn.waitFor((request) => request.kind === 'response_url' && request.path === path && request.ok, { count });
}

type Json = Record<string, unknown>;

export function blocksOf(body: Json): Json[] {
  return Array.isArray(body.blocks) ? (body.blocks as Json[]) : [];
}

/** Every text a person would see in a message: fallback, header, sections, fields, context, buttons. */
export function visibleTexts(body: Json): string[] {
  const texts: string[] = typeof body.text === 'string' ? [body.text] : [];
  for (const block of blocksOf(body)) {
    const text = block.text as Json | undefined;
    if (text && typeof text.text === 'string') texts.push(text.text);
    for (const key of ['fields', 'elements']) {
      for (const element of (block[key] as Json[] | undefined) ?? []) {
        if (typeof element.text === 'string') texts.push(element.text);
        else if (element.text && typeof (element.text as Json).text === 'string') texts.push((element.text as Json).text as string);
      }
    }
  }
  return texts;
}

/** The item sections of a rendered reply: those starting with a bold date. */
export function itemSections(body: Json): string[] {
  return blocksOf(body)
    .filter((block) => block.type === 'section' && typeof (block.text as Json | undefined)?.text === 'string')
    .map((block) => (block.text as Json).text as string)
    .filter((text) => /^\*(\d{4}(-\d\d){0,2}|undated)\*/.test(text));
}

/** The value of the "More" button, if the message has one. */
export function moreButtonValue(body: Json): string | undefined {
  for (const block of blocksOf(body)) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements as Json[]) if (element.action_id === 'almanak_more') return element.value as string;
  }
  return undefined;
}
