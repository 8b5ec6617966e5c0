// Polls one feed: a conditional GET, then its items written into the archive, the articles that
// are news marked fresh for watches, and the feed's state recorded, all in one transaction. A
// feed that fails (network, HTTP, size, malformed XML) is recorded with its reason and a
// backed-off next poll rather than thrown: the other feeds go on.
import type { Archive } from '../archive.ts';
import { ingestDocuments, type DocumentOutcome } from '../ingest/ingest.ts';
import { FeedError } from '../ingest/feeds/fetch-feed.ts';
import { readFeed } from '../ingest/feeds/read-feed.ts';
import { nextPollAt } from './backoff.ts';
import { feedLabel, type Feed, type FeedStore } from './feed-store.ts';
import { keepFirstSeenDates } from './first-seen.ts';
import { createFreshArticles } from './fresh-articles.ts';
import type { FeedPolicy } from './policy.ts';

/** `feed` is the feed as it was before the poll (its state after is in the store). */
export type PollResult =
  | {
      readonly feed: Feed;
      readonly status: 'read';
      /** The feed's own title, as this poll read it. */
      readonly title: string | undefined;
      /** The feed's first good poll: its items went into the archive without alerts. */
      readonly backfill: boolean;
      readonly added: number;
      readonly updated: number;
      readonly unchanged: number;
      readonly rejected: readonly { readonly origin: string; readonly reason: string }[];
      readonly warnings: readonly string[];
      /** Articles added after the backfill, for watches. */
      readonly fresh: readonly number[];
      readonly nextPollAt: string;
    }
  | { readonly feed: Feed; readonly status: 'not-modified'; readonly nextPollAt: string }
  | {
      readonly feed: Feed;
      readonly status: 'failed';
      readonly code: FeedError['code'];
      readonly reason: string;
      readonly retryable: boolean;
      readonly consecutiveFailures: number;
      readonly nextPollAt: string;
    }
  /** Stopped by shutdown before it finished; nothing recorded. */
  | { readonly feed: Feed; readonly status: 'aborted' };

export interface PollFeedDeps {
  readonly archive: Archive;
  readonly feeds: FeedStore;
  readonly now: Date;
  readonly signal?: AbortSignal;
}

export async function pollFeed(feed: Feed, deps: PollFeedDeps, policy: FeedPolicy): Promise<PollResult> {
  const { archive, feeds, now } = deps;
  let read: Awaited<ReturnType<typeof readFeed>>;
  try {
    read = await readFeed(feed.url, {
      now,
      timeoutMs: policy.timeoutMs,
      maxBytes: policy.maxBytes,
      ...(feed.etag ? { etag: feed.etag } : {}),
      ...(feed.lastModified ? { lastModified: feed.lastModified } : {}),
      ...(feed.language ? { languageHint: feed.language } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } catch (error) {
    if (deps.signal?.aborted) return { feed, status: 'aborted' };
    return recordFailure(feed, deps, policy, asFeedError(error));
  }

  const next = nextPollAt(now, feed.intervalMinutes, 0, policy.maxBackoffMinutes);
  const validators = { ...(read.etag ? { etag: read.etag } : {}), ...(read.lastModified ? { lastModified: read.lastModified } : {}) };
  if (read.notModified) {
    feeds.recordSuccess(feed.id, { now, nextPollAt: next, read: false, ...validators });
    return { feed, status: 'not-modified', nextPollAt: next.toISOString() };
  }

  const documents = keepFirstSeenDates(archive.db, read.documents);
  const fresh = createFreshArticles(archive.db);
  const { outcomes, added } = archive.db
    .transaction(() => {
      const written = ingestDocuments(archive, documents, { now });
      const ids = written.flatMap((o) => (o.outcome === 'added' && o.articleId !== undefined ? [o.articleId] : []));
      if (feed.backfilled) fresh.add(ids, feed.url, now);
      // Validators are stored with the items they describe, so a crash can never leave behind
      // a 304 for items that were not stored.
      feeds.recordSuccess(feed.id, { now, nextPollAt: next, read: true, ...validators, ...(read.title ? { title: read.title } : {}) });
      return { outcomes: written, added: ids };
    })
    .immediate();

  const count = (outcome: DocumentOutcome['outcome']) => outcomes.filter((o) => o.outcome === outcome).length;
  return {
    feed,
    status: 'read',
    title: read.title,
    backfill: !feed.backfilled,
    added: count('added'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    rejected: outcomes.filter((o) => o.outcome === 'rejected').map((o) => ({ origin: o.origin, reason: o.reason ?? 'rejected' })),
    warnings: read.warnings,
    fresh: feed.backfilled ? added : [],
    nextPollAt: next.toISOString(),
  };
}

/** What to call the polled feed: its configured name, else its title (freshly read if need be). */
export function polledFeedLabel(result: PollResult): string {
  return feedLabel({ ...result.feed, title: (result.status === 'read' ? result.title : undefined) ?? result.feed.title });
}

function recordFailure(feed: Feed, deps: PollFeedDeps, policy: FeedPolicy, error: FeedError): PollResult {
  // readFeed prefixes the URL; the feed's row already names it.
  const reason = error.cause instanceof FeedError ? error.cause.message : error.message;
  let next = '';
  const failures = deps.feeds.recordFailure(feed.id, {
    now: deps.now,
    error: reason,
    nextPollAt: (count) => {
      const at = nextPollAt(deps.now, feed.intervalMinutes, count, policy.maxBackoffMinutes);
      next = at.toISOString();
      return at;
    },
  });
  return { feed, status: 'failed', code: error.code, reason, retryable: error.retryable, consecutiveFailures: failures, nextPollAt: next };
}

function asFeedError(error: unknown): FeedError {
  if (error instanceof FeedError) return error;
  return new FeedError('read', error instanceof Error ? error.message : String(error), { cause: error });
}
