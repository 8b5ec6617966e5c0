// /summit <names…>: when the named people met, called, or planned, cancelled or proposed a
// meeting, as a timeline of dated excerpts (oldest first, undated last).
import { z } from 'zod';
import type { Archive } from '../src/archive.ts';
import { defineCommand } from '../src/command/definition.ts';
import { pageFooter, pageInfo } from '../src/command/paging.ts';
import { errorReply, infoReply } from '../src/core/types.ts';
import { findMeetings } from '../src/search/summit.ts';

const MAX_PARTIES = 6;

export const summitCommand = defineCommand({
  name: 'summit',
  description: 'Meetings, calls and summits between the people you name, as a dated timeline',
  usage: '/summit <name> <name> …',
  examples: ['/summit putin trump', '/summit biden putin', '/summit zelensky'],
  options: [{ name: 'names', description: 'People who met (e.g. putin trump)', type: 'string', required: true, rest: true, autocomplete: true }],
  schema: z.object({
    names: z
      .string({ message: 'name the people who met, e.g. /summit putin trump' })
      .trim()
      .min(1, 'name the people who met, e.g. /summit putin trump'),
  }),
  run({ names }, context) {
    const result = findMeetings(context.archive, { names, page: context.page, pageSize: context.pageSize });
    if (result.parties.length === 0) {
      return errorReply('/summit needs names', 'Name the people who met, e.g. /summit putin trump.');
    }
    if (result.parties.length > MAX_PARTIES) {
      return errorReply('/summit: too many names', `Name at most ${MAX_PARTIES} people; you named ${result.parties.length}.`);
    }
    const who = result.parties.map((party) => party.word).join(', ');
    if (result.unknown.length > 0) {
      return infoReply('No such name in the archive', `No article in the archive mentions ${result.unknown.join(', ')}. Check the spelling, or try /search.`);
    }
    if (result.total === 0) {
      const together = result.parties.length > 1 ? 'together ' : '';
      return infoReply(`No meetings found: ${who}`, `The archive names ${who} ${together}but has no sentence about a meeting, call or summit between them.`);
    }
    return {
      kind: 'results',
      title: `Meetings: ${who}`,
      text: result.parties.length > 1 ? `Meetings, calls and summits between ${who}, oldest first; undated articles last.` : `Meetings, calls and summits with ${who}, oldest first.`,
      items: result.items,
      total: result.total,
      ...(result.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
      page: pageInfo(result.total, context.page, context.pageSize),
      footer: pageFooter(result.total, context.page, context.pageSize, 'article', result.totalIsLowerBound),
    };
  },
  complete(_option, partial, { archive }) {
    return namesStartingWith(archive, partial);
  },
});

/** Names from the corpus for autocomplete, most mentioned first (the last word being typed). */
export function namesStartingWith(archive: Archive, partial: string): string[] {
  const last = partial.trim().split(/\s+/).pop() ?? '';
  const prefix = last.toLowerCase().slice(0, 40);
  const rows = archive.db
    .prepare<[string, string], { display: string }>(
      `SELECT display FROM names WHERE name >= ? AND name < ? || char(1114111)
       ORDER BY articles DESC, name LIMIT 25`,
    )
    .all(prefix, prefix);
  return rows.map((row) => row.display);
}
