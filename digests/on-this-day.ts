// The "on this day" digest: articles published on this day in earlier years, events the text
// dates to this day ("8 years ago today"), then this month's month-dated articles; grouped by
// how many years ago, capped, with a pointer to /onthisday for the rest.
import { describeDay } from '../commands/onthisday.ts';
import { infoReply } from '../src/core/types.ts';
import { formatLocalDay } from '../src/digests/schedule.ts';
import { selectOnThisDay } from '../src/search/on-this-day.ts';
import type { DigestKind } from './kind.ts';

export const onThisDayDigest: DigestKind = {
  name: 'on-this-day',
  description: 'What the archive has for this day in earlier years',
  build(archive, day, { maxItems }) {
    const entries = selectOnThisDay(archive, day);
    const command = `/onthisday ${formatLocalDay(day)}`;
    if (entries.length === 0) {
      return {
        empty: true,
        reply: infoReply(`On this day: ${describeDay(day)}`, `Nothing in the archive for this day or this month in earlier years.`, {
          footer: `Search the archive any time with /search or ${command}`,
        }),
      };
    }
    const shown = entries.slice(0, maxItems);
    const more = entries.length - shown.length;
    return {
      empty: false,
      reply: {
        kind: 'results',
        title: `On this day: ${describeDay(day)}`,
        items: shown.map((entry) => entry.item),
        total: entries.length,
        footer: more > 0 ? `${more} more: ${command}` : `All entries: ${command}`,
      },
    };
  },
};
