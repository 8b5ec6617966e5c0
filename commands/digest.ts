// /digest subscribe|unsubscribe|list|pause|resume|preview: a channel's scheduled digests.
// Changing a channel's digest needs the right to manage the channel (Discord: Manage Channels;
// Slack: workspace admins or users named in config); listing and previewing do not.
import { z } from 'zod';
import { digestKinds, findDigestKind } from '../digests/index.ts';
import { defineCommand, type CommandContext, type OptionSpec } from '../src/command/definition.ts';
import { isValidTimeZone, localDayIn, parsePartialDate, precisionOf, type LocalDay } from '../src/core/dates.ts';
import { errorReply, infoReply, type Reply } from '../src/core/types.ts';
import { formatDays, parseDays, parseTime, ScheduleError } from '../src/digests/schedule.ts';
import { createSubscriptionStore, type Subscription } from '../src/digests/subscriptions.ts';

const SUBCOMMANDS = ['subscribe', 'unsubscribe', 'list', 'pause', 'resume', 'preview'] as const;
const kindOption: OptionSpec = { name: 'kind', description: 'Digest kind (default on-this-day)', type: 'string', choices: digestKinds.map((k) => k.name) };

const schema = z.object({
  subcommand: z.enum(SUBCOMMANDS, { message: `choose one of ${SUBCOMMANDS.join(', ')}` }),
  time: z.string().optional(),
  tz: z.string().optional(),
  days: z.string().optional(),
  kind: z.string().optional(),
  empty: z.enum(['skip', 'notice'], { message: 'must be skip or notice' }).optional(),
  date: z.string().optional(),
});
type Options = z.infer<typeof schema>;

function channelOf(context: CommandContext): string | undefined {
  const { platform, channelId } = context.caller;
  return (platform === 'slack' || platform === 'discord') && channelId ? `${platform}:${channelId}` : undefined;
}

function describe(subscription: Subscription): string {
  const state = subscription.status === 'paused' ? `paused${subscription.pausedReason ? ` (${subscription.pausedReason})` : ''}` : 'active';
  return `${subscription.kind}: ${subscription.time} ${subscription.timeZone}, ${subscription.days}, empty days ${subscription.empty === 'skip' ? 'skipped' : 'noticed'} — ${state}`;
}

const NEEDS_CHANNEL = errorReply('/digest needs a channel', 'Digests are posted to Slack and Discord channels: run /digest there. Here you can use /digest preview.');
const NOT_ALLOWED = errorReply(
  'Not allowed',
  "Only people who may manage this channel can change its digests (Discord: Manage Channels; Slack: workspace admins or almanak's configured admins).",
);

function subscribe(options: Options, context: CommandContext, channel: string): Reply {
  const kind = options.kind ?? 'on-this-day';
  if (!findDigestKind(kind)) return errorReply('/digest: invalid option', `Option "kind": unknown digest kind "${kind.slice(0, 40)}"; choose ${digestKinds.map((k) => k.name).join(', ')}.`);
  const timeZone = options.tz ?? context.timeZone;
  if (!isValidTimeZone(timeZone)) return errorReply('/digest: invalid option', `Option "tz": "${timeZone.slice(0, 60)}" is not an IANA time zone; use e.g. Europe/Oslo or America/New_York.`);
  let time: string;
  let days: string;
  try {
    const { hour, minute } = parseTime(options.time ?? '08:00');
    time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  } catch (error) {
    return errorReply('/digest: invalid option', `Option "time": ${(error as ScheduleError).message}.`);
  }
  try {
    days = formatDays(parseDays(options.days ?? 'daily'));
  } catch (error) {
    return errorReply('/digest: invalid option', `Option "days": ${(error as ScheduleError).message}.`);
  }
  const store = createSubscriptionStore(context.archive.db);
  const subscription = store.upsert(
    { channel, kind, time, timeZone, days, empty: options.empty ?? 'skip', origin: 'command', ...(context.caller.userId ? { createdBy: context.caller.userId } : {}) },
    context.clock.now(),
  );
  return infoReply('Digest subscribed', `This channel gets ${describe(subscription)}. See what it would post with /digest preview.`);
}

function preview(options: Options, context: CommandContext, channel: string | undefined): Reply {
  const kindName = options.kind ?? 'on-this-day';
  const kind = findDigestKind(kindName);
  if (!kind) return errorReply('/digest: invalid option', `Option "kind": unknown digest kind "${kindName.slice(0, 40)}".`);
  const subscription = channel ? createSubscriptionStore(context.archive.db).find(channel, kindName) : undefined;
  let day: LocalDay;
  if (options.date) {
    const date = parsePartialDate(options.date);
    if (!date || precisionOf(date) !== 'day') return errorReply('/digest: invalid option', `Option "date": "${options.date.slice(0, 40)}" is not a day; use YYYY-MM-DD.`);
    day = { year: date.year, month: date.month!, day: date.day! };
  } else {
    day = localDayIn(context.clock.now(), subscription?.timeZone ?? context.timeZone);
  }
  const built = kind.build(context.archive, day, { maxItems: context.archive.config.digest.maxItems });
  const note = built.empty && (subscription?.empty ?? 'skip') === 'skip' ? 'Nothing would be posted for this day (empty days are skipped). ' : '';
  return { ...built.reply, title: `Preview: ${built.reply.title}`, text: `${note}${built.reply.text ?? ''}`.trim() || 'This is what would be posted:' };
}

export const digestCommand = defineCommand({
  name: 'digest',
  description: 'Schedule a daily "on this day" post for this channel',
  usage: '/digest subscribe [time:HH:MM] [tz:Area/City] [days:daily|weekdays|mon,wed] [kind:on-this-day] [empty:skip|notice] | unsubscribe | list | pause | resume | preview [date:YYYY-MM-DD]',
  examples: ['/digest subscribe time:07:30 tz:Europe/Oslo days:weekdays', '/digest preview', '/digest list'],
  options: [],
  subcommands: [
    {
      name: 'subscribe',
      description: 'Post a digest here every day (or on chosen days)',
      options: [
        { name: 'time', description: 'Local time HH:MM (default 08:00)', type: 'string' },
        { name: 'tz', description: 'IANA time zone, e.g. Europe/Oslo', type: 'string' },
        { name: 'days', description: 'daily, weekdays or e.g. mon,wed,fri', type: 'string' },
        kindOption,
        { name: 'empty', description: 'On a day with nothing: skip (default) or post a notice', type: 'string', choices: ['skip', 'notice'] },
      ],
    },
    { name: 'unsubscribe', description: 'Stop posting digests here', options: [kindOption] },
    { name: 'list', description: "This channel's digests", options: [] },
    { name: 'pause', description: 'Pause the digest here', options: [kindOption] },
    { name: 'resume', description: 'Resume a paused digest', options: [kindOption] },
    { name: 'preview', description: 'Show privately what would be posted', options: [{ name: 'date', description: 'Day YYYY-MM-DD (default today)', type: 'string', rest: true }, kindOption] },
  ],
  schema,
  run(options, context) {
    const channel = channelOf(context);
    if (options.subcommand === 'preview') return preview(options, context, channel);
    if (!channel) return NEEDS_CHANNEL;
    const store = createSubscriptionStore(context.archive.db);
    if (options.subcommand === 'list') {
      const subscriptions = store.forChannel(channel);
      return infoReply('Digests in this channel', subscriptions.length === 0 ? 'None. Subscribe with /digest subscribe.' : subscriptions.map(describe).join('\n'));
    }
    if (context.caller.canManageChannel !== true) return NOT_ALLOWED;
    const kind = options.kind ?? 'on-this-day';
    switch (options.subcommand) {
      case 'subscribe':
        return subscribe(options, context, channel);
      case 'unsubscribe':
        return store.remove(channel, kind) ? infoReply('Digest removed', `No more ${kind} digests here.`) : infoReply('No digest here', `This channel has no ${kind} digest.`);
      case 'pause':
        return store.pause(channel, kind, null) ? infoReply('Digest paused', 'Resume with /digest resume.') : infoReply('No digest here', `This channel has no ${kind} digest.`);
      case 'resume':
        return store.resume(channel, kind, context.clock.now()) ? infoReply('Digest resumed', 'It posts again from its next scheduled time.') : infoReply('No digest here', `This channel has no ${kind} digest.`);
    }
  },
});
