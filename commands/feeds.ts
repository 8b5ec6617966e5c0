// /feeds add|remove|list: the feeds almanak polls into the archive. Adding and removing needs the
// right to manage the channel (Discord: Manage Channels; Slack: workspace admins or users named
// in config); listing is open to everyone.
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../src/command/definition.ts';
import { languageOption } from '../src/command/options.ts';
import { errorReply, infoReply, type Reply } from '../src/core/types.ts';
import { createFeedStore, DEFAULT_INTERVAL_MINUTES, feedLabel, type Feed } from '../src/feeds/feed-store.ts';
import { checkFeedUrl } from '../src/feeds/feed-url.ts';

const SUBCOMMANDS = ['add', 'remove', 'list'] as const;
const MAX_INTERVAL_MINUTES = 24 * 60;

const schema = z.object({
  subcommand: z.enum(SUBCOMMANDS, { message: `choose one of ${SUBCOMMANDS.join(', ')}` }),
  url: z.string().trim().optional(),
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
  lang: languageOption.optional(),
  every: z.coerce
    .number({ message: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(MAX_INTERVAL_MINUTES, `must be at most ${MAX_INTERVAL_MINUTES} minutes`)
    .optional(),
});
type Options = z.infer<typeof schema>;

const NOT_ALLOWED = errorReply(
  'Not allowed',
  "Only people who may manage this channel can add or remove feeds (Discord: Manage Channels; Slack: workspace admins or almanak's configured admins). /feeds list is open to everyone.",
);

function add(options: Options, context: CommandContext): Reply {
  const checked = checkFeedUrl(options.url ?? '');
  if (!checked.ok) return errorReply('/feeds add: not a feed URL', checked.reason);
  const store = createFeedStore(context.archive.db);
  const { added, feed } = store.add(
    {
      url: checked.url,
      intervalMinutes: options.every ?? DEFAULT_INTERVAL_MINUTES,
      ...(options.name ? { name: options.name } : {}),
      ...(options.lang ? { language: options.lang } : {}),
      ...(context.caller.userId ? { addedBy: context.caller.userId } : {}),
    },
    context.clock.now(),
  );
  if (!added) return infoReply('Feed already polled', `${feedLabel(feed)} (${feed.url}) is polled already, every ${feed.intervalMinutes} min.`);
  return infoReply(
    'Feed added',
    `${feed.url} is polled every ${feed.intervalMinutes} min, starting within a minute. The first poll stores its current articles ` +
      'without alerting anyone; articles that appear after that are announced to channels that /watch for them. /feeds list shows how it goes.',
  );
}

function remove(options: Options, context: CommandContext): Reply {
  const text = options.url ?? '';
  const store = createFeedStore(context.archive.db);
  const byId = /^#?(\d+)$/.exec(text);
  let feed: Feed | undefined;
  if (byId) {
    feed = store.get(Number(byId[1]));
  } else {
    const checked = checkFeedUrl(text);
    if (!checked.ok) return errorReply('/feeds remove: which feed?', `${checked.reason} You can also give the feed's number from /feeds list.`);
    feed = store.find(checked.url);
  }
  if (!feed) return errorReply('/feeds remove: no such feed', `almanak polls no feed ${text.slice(0, 100)}. /feeds list shows the feeds and their numbers.`);
  switch (store.remove(feed.url)) {
    case 'configured':
      return errorReply('/feeds remove: declared in config', `${feedLabel(feed)} is declared in almanak's config/ (feeds); remove it there, or it comes back at the next start.`);
    case 'missing':
      return errorReply('/feeds remove: no such feed', `almanak polls no feed ${text.slice(0, 100)}.`);
    case 'removed':
      return infoReply('Feed removed', `${feed.url} is no longer polled. Its articles stay in the archive.`);
  }
}

function list(context: CommandContext): Reply {
  const store = createFeedStore(context.archive.db);
  const feeds = store.all();
  if (feeds.length === 0) return infoReply('Feeds', 'almanak polls no feeds yet. Admins can add one with /feeds add <url>, or declare feeds in config/.');
  const when = (iso: string) => formatInstant(iso, context.timeZone);
  return infoReply('Feeds', `${feeds.length} feed${feeds.length === 1 ? '' : 's'} polled into the archive (times in ${context.timeZone}):`, {
    fields: feeds.map((feed) => {
      const state = [
        `every ${feed.intervalMinutes} min${feed.origin === 'config' ? ' (from config)' : ''}`,
        `${store.articleCount(feed.url)} articles`,
        feed.lastSuccessAt ? `last success ${when(feed.lastSuccessAt)}` : feed.lastPollAt ? 'no successful poll yet' : 'not polled yet',
      ];
      if (feed.lastError && feed.lastErrorAt) {
        const streak = feed.consecutiveFailures > 0 ? ` (${feed.consecutiveFailures} in a row; next try ${when(feed.nextPollAt)})` : '';
        state.push(`last error ${when(feed.lastErrorAt)}: ${feed.lastError.slice(0, 200)}${streak}`);
      }
      return { name: `#${feed.id} ${feedLabel(feed)}`.slice(0, 200), value: `${feed.url}\n${state.join(' · ')}` };
    }),
  });
}

/** "2026-05-01 12:15" in the given time zone. */
function formatInstant(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export const feedsCommand = defineCommand({
  name: 'feeds',
  description: 'The RSS/Atom feeds polled into the archive',
  usage: '/feeds add <url> [name:…] [lang:da|no|en] [every:minutes] | remove <url or #> | list',
  examples: ['/feeds list', '/feeds add https://www.dr.dk/nyheder/service/feeds/allenyheder lang:da', '/feeds remove 3'],
  options: [],
  subcommands: [
    {
      name: 'add',
      description: 'Poll a feed into the archive (admins)',
      options: [
        { name: 'url', description: 'The feed URL (http or https)', type: 'string', required: true, rest: true },
        { name: 'name', description: 'Name shown in /feeds list (default: the feed title)', type: 'string' },
        { name: 'lang', description: 'Language of its articles (default: detected)', type: 'string', choices: ['da', 'no', 'en'] },
        { name: 'every', description: `Minutes between polls (default ${DEFAULT_INTERVAL_MINUTES})`, type: 'integer' },
      ],
    },
    { name: 'remove', description: 'Stop polling a feed (admins); its articles stay', options: [{ name: 'url', description: 'The feed URL or its number in /feeds list', type: 'string', required: true, rest: true }] },
    { name: 'list', description: 'Each feed with its last success, last error and article count', options: [] },
  ],
  schema,
  run(options, context) {
    if (options.subcommand === 'list') return list(context);
    if (context.caller.canManageChannel !== true) return NOT_ALLOWED;
    return options.subcommand === 'add' ? add(options, context) : remove(options, context);
  },
});
