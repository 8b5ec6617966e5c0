// Reads what was typed after /watch into a watch: its mode ("summit:putin trump" or mode:summit
// for meetings between named people, else all the words as /search reads them) and its query,
// refusing what could never match (nothing, or only stop words). Pure, given the analyser.
import type { AnalysedQuery } from '../search/query.ts';
import { MAX_QUERY_WORDS } from '../search/query.ts';
import type { WatchMode } from './watch-store.ts';

export const MAX_WATCH_QUERY_CHARS = 200;
/** As /summit. */
export const MAX_SUMMIT_PARTIES = 6;

export type WatchRequest =
  | { readonly ok: true; readonly mode: WatchMode; readonly query: string }
  | { readonly ok: false; readonly reason: string };

const SUMMIT_PREFIX = /^summit:\s*/i;
const EXAMPLES = 'e.g. /watch nato topmøde, or /watch summit:putin trump for meetings between named people';

export function readWatchQuery(text: string, modeOption: WatchMode | undefined, analyse: (query: string) => AnalysedQuery): WatchRequest {
  let query = text.replace(/\s+/g, ' ').trim();
  let mode: WatchMode = modeOption ?? 'search';
  if (SUMMIT_PREFIX.test(query)) {
    if (modeOption === 'search') return { ok: false, reason: '"summit:" and mode:search contradict each other; use one of them.' };
    mode = 'summit';
    query = query.replace(SUMMIT_PREFIX, '');
  }
  if (query === '') return { ok: false, reason: `Say what to watch for, ${EXAMPLES}.` };
  if (query.length > MAX_WATCH_QUERY_CHARS) return { ok: false, reason: `A watch is at most ${MAX_WATCH_QUERY_CHARS} characters; yours has ${query.length}.` };

  const analysed = analyse(query);
  if (analysed.groups.length === 0) {
    const words = analysed.ignored.slice(0, 5).join(' ');
    return {
      ok: false,
      reason: words ? `"${words}" are only common words, which every article has. Name a person or a subject, ${EXAMPLES}.` : `There are no words to watch for in that; ${EXAMPLES}.`,
    };
  }
  if (analysed.truncated) return { ok: false, reason: `A watch has at most ${MAX_QUERY_WORDS} words.` };
  if (mode === 'summit' && analysed.groups.length > MAX_SUMMIT_PARTIES) {
    return { ok: false, reason: `Name at most ${MAX_SUMMIT_PARTIES} people; you named ${analysed.groups.length}.` };
  }
  // Stored lower-case, so "Putin Trump" and "putin trump" are one watch; matching folds case anyway.
  return { ok: true, mode, query: query.toLowerCase() };
}
