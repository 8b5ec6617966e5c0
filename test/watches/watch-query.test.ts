import { describe, expect, it } from 'vitest';
import type { AnalysedQuery } from '../../src/search/query.ts';
import { readWatchQuery } from '../../src/watches/watch-query.ts';

// A stand-in analyser: "og", "i" and "det" are stop words, every other word is one group.
const STOP = new Set(['og', 'i', 'det']);
const analyse = (text: string): AnalysedQuery => {
  const words = text.split(/\s+/).filter(Boolean);
  return {
    groups: words.filter((word) => !STOP.has(word.toLowerCase())).map((word) => ({ word, forms: [word.toLowerCase()] })),
    ignored: words.filter((word) => STOP.has(word.toLowerCase())),
    truncated: words.length > 24,
  };
};

describe('readWatchQuery', () => {
  it('reads words as a search watch, whitespace collapsed and lower-cased', () => {
    expect(readWatchQuery('  NATO   Topmøde ', undefined, analyse)).toEqual({ ok: true, mode: 'search', query: 'nato topmøde' });
  });

  it('reads "summit:" and mode:summit as a summit watch', () => {
    expect(readWatchQuery('summit:Putin Trump', undefined, analyse)).toEqual({ ok: true, mode: 'summit', query: 'putin trump' });
    expect(readWatchQuery('SUMMIT: putin trump', undefined, analyse)).toEqual({ ok: true, mode: 'summit', query: 'putin trump' });
    expect(readWatchQuery('putin trump', 'summit', analyse)).toEqual({ ok: true, mode: 'summit', query: 'putin trump' });
  });

  it.each([
    ['', undefined, 'Say what to watch for'],
    ['summit:', undefined, 'Say what to watch for'],
    ['og i det', undefined, 'only common words'],
    ['summit:putin', 'search', 'contradict'],
    ['a b c d e f g', 'summit', 'at most 6 people'],
    [Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '), undefined, 'at most 24 words'],
    ['x'.repeat(201), undefined, 'at most 200 characters'],
  ] as const)('refuses %j (mode %s)', (text, mode, reason) => {
    const request = readWatchQuery(text, mode, analyse);
    expect(request.ok).toBe(false);
    expect(!request.ok && request.reason).toContain(reason);
  });
});
