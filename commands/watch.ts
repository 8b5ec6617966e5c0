// /watch <query> | /watch summit:<names> | /watch list | /watch remove <id>: alerts in this
// channel when the feeds bring new articles that match. Setting and removing a watch needs the
// right to manage the channel; listing does not. The verbs are words of the query rather than
// subcommands, so that "/watch putin trump" works as typed.
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../src/command/definition.ts';
import { errorReply, infoReply, type Reply } from '../src/core/types.ts';
import { createFeedStore } from '../src/feeds/feed-store.ts';
import { analyseQuery } from '../src/search/query.ts';
import { describeWatch } from '../src/watches/alert-reply.ts';
import { readWatchQuery } from '../src/watches/watch-query.ts';
import { createWatchStore, type Watch } from '../src/watches/watch-store.ts';

/** Enough for any channel; a bound so one channel cannot make every sweep slow. */
const MAX_WATCHES_PER_CHANNEL = 25;

const schema = z.object({
  query: z.string().optional(),
  mode: z.enum(['search', 'summit'], { message: 'must be search or summit' }).optional(),
  remove: z.string().trim().optional(),
});
type Options = z.infer<typeof schema>;

const USAGE = '/watch <words> | /watch summit:<name> <name> … | /watch list | /watch remove <id>';
const NEEDS_CHANNEL = errorReply('/watch needs a channel', 'Watches post to Slack and Discord channels: run /watch there.');
const NOT_ALLOWED = errorReply(
  'Not allowed',
  "Only people who may manage this channel can set or remove its watches (Discord: Manage Channels; Slack: workspace admins or almanak's configured admins). /watch list is open to everyone.",
);

function channelOf(context: CommandContext): string | undefined {
  const { platform, channelId } = context.caller;
  return (platform === 'slack' || platform === 'discord') && channelId ? `${platform}:${channelId}` : undefined;
}

function line(watch: Watch): string {
  const kind = watch.mode === 'summit' ? 'meetings, calls and summits between them' : 'articles with every word';
  const state = watch.status === 'paused' ? ` — paused${watch.pausedReason ? ` (${watch.pausedReason})` : ''}; set it again to resume` : '';
  return `#${watch.id} ${describeWatch(watch)} (${kind})${state}`;
}

function list(context: CommandContext, channel: string): Reply {
  const watches = createWatchStore(context.archive.db).forChannel(channel);
  if (watches.length === 0) return infoReply('Watches in this channel', 'None. Set one with /watch <words>, e.g. /watch summit:putin trump.');
  const batch = context.archive.config.watch.batchMinutes;
  return infoReply('Watches in this channel', `${watches.map(line).join('\n')}\nNew matches are posted at most once every ${batch} minutes. Remove one with /watch remove <id>.`);
}

function remove(idText: string, context: CommandContext, channel: string): Reply {
  const match = /^#?(\d{1,9})$/.exec(idText.trim());
  if (!match) return errorReply('/watch remove: which watch?', `"${idText.slice(0, 40)}" is not a watch id; /watch list shows the ids (e.g. /watch remove 3).`);
  const id = Number(match[1]);
  if (!createWatchStore(context.archive.db).remove(channel, id)) {
    return errorReply('/watch remove: no such watch', `This channel has no watch #${id}; /watch list shows its watches.`);
  }
  return infoReply('Watch removed', `Watch #${id} no longer posts here.`);
}

function add(options: Options, context: CommandContext, channel: string): Reply {
  const { archive } = context;
  const request = readWatchQuery(options.query ?? '', options.mode, (text) => analyseQuery(text, archive.analyzer, archive.isKnownName));
  if (!request.ok) return errorReply('/watch: nothing to watch for', `${request.reason} Usage: ${USAGE}`);
  const store = createWatchStore(archive.db);
  const existing = store.forChannel(channel);
  const already = existing.find((watch) => watch.mode === request.mode && watch.query === request.query);
  if (!already && existing.length >= MAX_WATCHES_PER_CHANNEL) {
    return errorReply('/watch: too many watches', `This channel has ${existing.length} watches, the most it can have; remove one with /watch remove <id>.`);
  }
  const { created, watch } = store.add({ channel, mode: request.mode, query: request.query, ...(context.caller.userId ? { createdBy: context.caller.userId } : {}) }, context.clock.now());
  if (!created && already?.status !== 'paused') return infoReply('Already watching', `${line(watch)}.`);
  const what =
    watch.mode === 'summit'
      ? `new articles about a meeting, call or summit between ${watch.query.split(' ').join(', ')}`
      : `new articles with ${watch.query.includes(' ') ? 'all of ' : ''}"${watch.query}"`;
  const batch = archive.config.watch.batchMinutes;
  const noFeeds = createFeedStore(archive.db).all().length === 0 && archive.config.feeds.length === 0 ? ' No feeds are polled yet: an admin can add one with /feeds add <url>.' : '';
  return infoReply(
    created ? `Watching: ${describeWatch(watch)} (#${watch.id})` : `Watch resumed: ${describeWatch(watch)} (#${watch.id})`,
    `This channel gets ${what} as the feeds bring them in, at most one post every ${batch} minutes.${noFeeds}`,
  );
}

export const watchCommand = defineCommand({
  name: 'watch',
  description: 'Post new articles from the feeds that match, in this channel',
  usage: USAGE,
  examples: ['/watch nato topmøde', '/watch summit:putin trump', '/watch list', '/watch remove 3'],
  options: [
    { name: 'query', description: 'Words to watch for (or "list", or "remove <id>")', type: 'string', rest: true },
    { name: 'mode', description: 'search: all the words (default); summit: meetings between the named people', type: 'string', choices: ['search', 'summit'] },
    { name: 'remove', description: 'Id of a watch to remove (see /watch list)', type: 'string' },
  ],
  schema,
  run(options, context) {
    const channel = channelOf(context);
    if (!channel) return NEEDS_CHANNEL;
    const words = (options.query ?? '').trim().split(/\s+/);
    const verb = words[0]?.toLowerCase();
    if (options.remove === undefined && verb === 'list' && words.length === 1) return list(context, channel);
    if (context.caller.canManageChannel !== true) return NOT_ALLOWED;
    if (options.remove !== undefined) return remove(options.remove, context, channel);
    if (verb === 'remove') return remove(words.slice(1).join(' '), context, channel);
    return add(options, context, channel);
  },
});
