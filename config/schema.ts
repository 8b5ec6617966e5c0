// The shape of almanak's configuration, as zod schemas; TypeScript types are derived from them.
import { z } from 'zod';

const ianaTimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not an IANA time zone (e.g. Europe/Copenhagen)' },
);

/** One person or place and the spellings that name it (transliterations, exonyms). */
export const aliasSchema = z.object({
  canonical: z.string().min(1),
  variants: z.array(z.string().min(1)).min(1),
});

/** Words that mark a sentence as being about one topic, with a weight (stronger = more central). */
export const topicSchema = z.object({
  description: z.string(),
  terms: z.array(z.object({ word: z.string().min(1), weight: z.number().positive() })).min(1),
  /**
   * Idioms that use a topic word without meaning it, as token patterns. `*` matches any run of
   * up to three tokens; each other entry is a list of surface forms. Danish "gå nogen i møde"
   * ("går Putin så Trump i møde") is an example: it means "meet halfway", not a meeting.
   */
  idioms: z.array(z.array(z.union([z.literal('*'), z.array(z.string().min(1))]))).default([]),
});

/** "slack:C0123" or "discord:123456": a channel named with its platform. */
const qualifiedChannel = z.string().regex(/^(slack|discord):.+$/, 'must look like slack:C0123 or discord:123456');

const httpUrl = z.string().refine(
  (url) => {
    try {
      const { protocol } = new URL(url);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an http(s) URL, e.g. https://www.dr.dk/nyheder/service/feeds/allenyheder' },
);

/** A feed polled into the archive; more can be added at run time with /feeds add. */
export const feedConfigSchema = z.object({
  url: httpUrl,
  /** Shown in /feeds list and notices; the feed's own title when absent. */
  name: z.string().min(1).optional(),
  /** Language of its articles; detected per article when absent. */
  language: z.enum(['da', 'no', 'en']).optional(),
  intervalMinutes: z.number().int().min(1).default(15),
});

export const configSchema = z.object({
  /** SQLite file of the archive; ALMANAK_DB overrides it. */
  dbPath: z.string().min(1),
  /** Folder ingested by `npm start` when the store is empty. */
  corpusDir: z.string().min(1),
  /** Time zone for "today" when a channel has none of its own. */
  timeZone: ianaTimeZone,
  /** Language assumed when detection has too little text to go on. */
  defaultLanguage: z.enum(['da', 'no', 'en']),
  pageSize: z.number().int().min(1).max(25),
  aliases: z.array(aliasSchema),
  topics: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), topicSchema),
  /**
   * How a sentence refers to all named parties at once ("de to", "begge", "the two leaders"),
   * and the nouns that, right after "de to", point at someone else ("de to landene").
   */
  pairReferences: z.object({
    phrases: z.array(z.string().min(1)),
    notAfter: z.array(z.string().min(1)),
  }),
  /** Web boilerplate: whole paragraphs to drop, and trailing credits to cut from a paragraph. */
  boilerplate: z.object({
    dropParagraphs: z.array(z.string().min(1)),
    trailingCredits: z.array(z.string().min(1)),
  }),
  /** Files larger than this are rejected at ingest (bytes). */
  maxFileBytes: z.number().int().positive(),
  /** Chat platforms. Secrets never live here: they come from the environment (see README). */
  slack: z.object({
    /** http: Events API + slash commands over HTTPS (needs a public URL); socket: Socket Mode (needs SLACK_APP_TOKEN). */
    mode: z.enum(['http', 'socket']),
    /** Port of the HTTP receiver; PORT overrides it. */
    port: z.number().int().min(0).max(65535),
    /** Public base URL Slack calls in HTTP mode (for the manifest), e.g. https://almanak.example.org */
    publicUrl: z.string().url().optional(),
    /** Channels whose replies are posted for everyone instead of only to the caller. */
    publicChannels: z.array(z.string().min(1)),
    /** Users (besides workspace admins) who may manage a channel's digests, watches and feeds. */
    admins: z.array(z.string().min(1)),
  }),
  /** Scheduled digests. */
  digest: z.object({
    /** Digests missed while almanak was down are posted late within this many hours; older ones are skipped. */
    catchUpHours: z.number().min(0).max(48),
    /** Items in one digest; the rest are pointed to with /onthisday. */
    maxItems: z.number().int().min(1).max(50),
    /** Attempts per post when the platform fails or rate-limits. */
    retryAttempts: z.number().int().min(1).max(10),
    retryBaseMs: z.number().int().min(1),
    /** Static subscriptions, e.g. { "channel": "slack:C0123", "time": "08:00", "timeZone": "Europe/Oslo" }. */
    subscriptions: z.array(
      z.object({
        channel: z.string().regex(/^(slack|discord):.+$/, 'must look like slack:C0123 or discord:123456'),
        kind: z.string().default('on-this-day'),
        time: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('08:00'),
        timeZone: ianaTimeZone.optional(),
        days: z.string().default('daily'),
        empty: z.enum(['skip', 'notice']).default('skip'),
      }),
    ),
  }),
  discord: z.object({
    /** Channels whose replies are posted for everyone instead of ephemeral ones. */
    publicChannels: z.array(z.string().min(1)),
  }),
  /** Feeds polled into the archive (see feedPolicy for how). */
  feeds: z.array(feedConfigSchema).refine((feeds) => new Set(feeds.map((feed) => feed.url)).size === feeds.length, {
    message: 'lists the same feed URL twice',
  }),
  /** How feeds are polled, and who hears about a feed that keeps failing. */
  feedPolicy: z.object({
    /** For one whole request, body included. */
    timeoutMs: z.number().int().min(100).default(15_000),
    /** Largest feed accepted (bytes, after decompression). */
    maxBytes: z.number().int().positive().default(5 * 1024 * 1024),
    /** After this many failed polls in a row, one notice goes to adminChannel (and one when it recovers). */
    failureNoticeAfter: z.number().int().min(1).default(3),
    /** Retries back off exponentially from the feed's interval up to this. */
    maxBackoffMinutes: z.number().int().min(1).default(360),
    /** Where feed notices go, e.g. slack:C0123; only logged when absent. */
    adminChannel: qualifiedChannel.optional(),
  }),
  /** /watch alerts. */
  watch: z.object({
    /** At most one alert post per channel in this many minutes; matches in between wait for it. */
    batchMinutes: z.number().int().min(1).default(10),
  }),
});

export type AlmanakConfig = z.infer<typeof configSchema>;
export type AliasEntry = z.infer<typeof aliasSchema>;
export type FeedConfig = z.infer<typeof feedConfigSchema>;
export type TopicConfig = z.infer<typeof topicSchema>;
