// /onthisday [YYYY-MM-DD]: what the archive has for this day in earlier years (default: today
// in the configured time zone).
import { z } from 'zod';
import { defineCommand } from '../src/command/definition.ts';
import { pageFooter, pageInfo } from '../src/command/paging.ts';
import { localDayIn, parsePartialDate, precisionOf, type LocalDay } from '../src/core/dates.ts';
import { infoReply } from '../src/core/types.ts';
import { selectOnThisDay } from '../src/search/on-this-day.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const describeDay = (day: LocalDay) => `${day.day} ${MONTHS[day.month - 1]} ${day.year}`;

const dayOption = z
  .string()
  .trim()
  .transform((text, context): LocalDay => {
    const date = parsePartialDate(text);
    if (!date || precisionOf(date) !== 'day') {
      context.addIssue({ code: 'custom', message: `"${text.slice(0, 40)}" is not a day; use YYYY-MM-DD, e.g. 2025-12-05` });
      return z.NEVER;
    }
    return { year: date.year, month: date.month!, day: date.day! };
  });

export const onThisDayCommand = defineCommand({
  name: 'onthisday',
  description: 'Articles and events from this day in earlier years',
  usage: '/onthisday [YYYY-MM-DD]',
  examples: ['/onthisday', '/onthisday 2025-05-17', '/onthisday 2025-12-05'],
  options: [{ name: 'date', description: 'The day (YYYY-MM-DD); today if left out', type: 'string', rest: true }],
  schema: z.object({ date: dayOption.optional() }),
  run({ date }, context) {
    const day = date ?? localDayIn(context.clock.now(), context.timeZone);
    const entries = selectOnThisDay(context.archive, day);
    const label = describeDay(day);
    if (entries.length === 0) {
      return infoReply(
        `On this day: ${label}`,
        `Nothing in the archive for ${day.day} ${MONTHS[day.month - 1]}: no article from this day or this month in earlier years, and no event dated to this day.`,
      );
    }
    const offset = (context.page - 1) * context.pageSize;
    return {
      kind: 'results',
      title: `On this day: ${label}`,
      items: entries.slice(offset, offset + context.pageSize).map((entry) => entry.item),
      total: entries.length,
      page: pageInfo(entries.length, context.page, context.pageSize),
      footer: pageFooter(entries.length, context.page, context.pageSize, 'entry').replace('entrys', 'entries'),
    };
  },
});
