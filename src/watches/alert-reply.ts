// One channel's batch of new matches as a neutral reply: oldest first, each item a dated excerpt
// with its link, labelled with the watch it matched when the channel has several. Pure.
import type { Reply } from '../core/types.ts';
import type { WatchMatch } from './match.ts';
import type { Watch } from './watch-store.ts';

export function describeWatch(watch: Pick<Watch, 'mode' | 'query'>): string {
  return watch.mode === 'summit' ? `summit:${watch.query}` : watch.query;
}

/** Oldest first; the article id breaks ties so the order never depends on the query plan. */
export function oldestFirst(a: WatchMatch, b: WatchMatch): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.articleId - b.articleId;
}

/** `matches` sorted oldest first; `more` = further matches not shown (over the batch's cap). */
export function alertReply(matches: readonly WatchMatch[], more: number): Reply {
  const watches = [...new Map(matches.map((match) => [match.watch.id, match.watch])).values()];
  const single = watches.length === 1 ? watches[0] : undefined;
  const count = matches.length + more;
  const articles = `${count} new article${count === 1 ? '' : 's'}`;
  return {
    kind: 'results',
    title: single ? `New: ${describeWatch(single)}` : 'New articles for your watches',
    text: single ? `${articles} matching /watch ${describeWatch(single)}, oldest first.` : `${articles} matching this channel's watches, oldest first.`,
    items: matches.map((match) => (single ? match.item : { ...match.item, label: describeWatch(match.watch) })),
    total: count,
    footer:
      more > 0
        ? `${more} more matched; /search finds them. Stop a watch with /watch remove <id> (ids: /watch list).`
        : 'Stop a watch with /watch remove <id> (ids: /watch list).',
  };
}
