// /stats: what the archive holds.
import { z } from 'zod';
import { defineCommand } from '../src/command/definition.ts';
import { infoReply } from '../src/core/types.ts';
import { archiveStats } from '../src/search/stats.ts';

const LANGUAGE_NAMES: Record<string, string> = { da: 'Danish', no: 'Norwegian', en: 'English' };

export const statsCommand = defineCommand({
  name: 'stats',
  description: 'How many articles the archive holds, by language and source',
  usage: '/stats',
  examples: ['/stats'],
  options: [],
  schema: z.object({}),
  run(_options, context) {
    const stats = archiveStats(context.archive);
    if (stats.articles === 0) return infoReply('Archive statistics', 'The archive is empty. Ingest articles with `almanak ingest <files|folders|feed URLs>`.');
    const list = (entries: readonly { name: string; count: number }[]) => entries.map((e) => `${e.name} ${e.count}`).join(', ');
    return infoReply('Archive statistics', `${stats.articles} articles, ${stats.passages} sentences indexed.`, {
      fields: [
        { name: 'Articles', value: String(stats.articles) },
        { name: 'By language', value: list(stats.byLanguage.map((l) => ({ name: LANGUAGE_NAMES[l.language] ?? l.language, count: l.count }))) },
        { name: 'By source', value: list(stats.bySource.map((s) => ({ name: s.source ?? 'not named', count: s.count }))) },
        { name: 'Date range', value: stats.earliest ? `${stats.earliest} – ${stats.latest}` : 'no dated articles' },
        { name: 'Undated', value: String(stats.undated) },
        { name: 'Feeds', value: String(stats.feeds) },
      ],
    });
  },
});
