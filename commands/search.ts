// /search <query> [from:…] [to:…] [lang:…]: ranked dated excerpts for any words.
import { z } from 'zod';
import { defineCommand } from '../src/command/definition.ts';
import { languageOption, partialDateOption } from '../src/command/options.ts';
import { pageFooter, pageInfo } from '../src/command/paging.ts';
import { dateSpan } from '../src/core/dates.ts';
import { errorReply, infoReply } from '../src/core/types.ts';
import { MAX_QUERY_WORDS } from '../src/search/query.ts';
import { searchArchive } from '../src/search/search.ts';

export const searchCommand = defineCommand({
  name: 'search',
  description: 'Search the archive; ranked dated excerpts',
  usage: '/search <words> [from:YYYY[-MM[-DD]]] [to:YYYY[-MM[-DD]]] [lang:da|no|en]',
  examples: ['/search topmøde putin', '/search g20 from:2018 to:2019', '/search samtale lang:no'],
  options: [
    { name: 'query', description: 'Words to look for', type: 'string', required: true, rest: true },
    { name: 'from', description: 'Earliest date: YYYY, YYYY-MM or YYYY-MM-DD', type: 'string' },
    { name: 'to', description: 'Latest date: YYYY, YYYY-MM or YYYY-MM-DD', type: 'string' },
    { name: 'lang', description: 'Language of the articles', type: 'string', choices: ['da', 'no', 'en'] },
  ],
  schema: z
    .object({
      query: z.string({ message: 'type some words to search for' }).trim().min(1, 'type some words to search for'),
      from: partialDateOption.optional(),
      to: partialDateOption.optional(),
      lang: languageOption.optional(),
    })
    .refine((o) => !o.from || !o.to || dateSpan(o.from).start <= dateSpan(o.to).end, { message: '"from" is after "to"', path: ['from'] }),
  run(options, context) {
    const result = searchArchive(context.archive, {
      text: options.query,
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      ...(options.lang ? { language: options.lang } : {}),
      page: context.page,
      pageSize: context.pageSize,
    });
    if (result.query.groups.length === 0) {
      return errorReply(
        'Nothing to search for',
        result.query.ignored.length > 0
          ? `"${result.query.ignored.slice(0, 5).join(' ')}" are only common words. Add a name or a subject, e.g. /search topmøde putin.`
          : 'Type some words to search for, e.g. /search topmøde putin.',
      );
    }
    const words = result.query.groups.map((group) => group.word).join(' ');
    if (result.total === 0) return infoReply(`No results: ${words}`, 'No article matches. Try fewer words, another spelling, or a wider date range.');
    const notes = [
      result.relaxed ? 'No article has all the words; showing articles with any of them.' : '',
      result.query.truncated ? `Only the first ${MAX_QUERY_WORDS} words were used.` : '',
    ].filter(Boolean);
    return {
      kind: 'results',
      title: `Search: ${words}`,
      ...(notes.length > 0 ? { text: notes.join(' ') } : {}),
      items: result.items,
      total: result.total,
      ...(result.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
      page: pageInfo(result.total, context.page, context.pageSize),
      footer: pageFooter(result.total, context.page, context.pageSize, 'article', result.totalIsLowerBound),
    };
  },
});
