// Snowball stemming per language, memoised: news text repeats its vocabulary, so a cache turns
// most stems into one Map lookup.
import snowball from 'snowball-stemmers';
import type { Language } from '../core/types.ts';

const ALGORITHM: Record<Language, string> = { da: 'danish', no: 'norwegian', en: 'english' };
const CACHE_LIMIT = 200_000;

const stemmers = new Map<Language, { stem(word: string): string }>();
const caches = new Map<Language, Map<string, string>>();

export function stem(word: string, language: Language): string {
  let cache = caches.get(language);
  if (!cache) {
    cache = new Map();
    caches.set(language, cache);
  }
  const known = cache.get(word);
  if (known !== undefined) return known;
  let stemmer = stemmers.get(language);
  if (!stemmer) {
    stemmer = snowball.newStemmer(ALGORITHM[language]);
    stemmers.set(language, stemmer);
  }
  const result = stemmer.stem(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}
