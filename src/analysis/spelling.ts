// Danish and Norwegian write many shared words differently: Danish softened consonants
// (møde, bog, mad) against Norwegian hard ones (møte, bok, mat), ej/ei, top/topp. Queries are
// expanded with the other language's spelling so either finds both; the index keeps each
// article's own spelling.

const VOWEL = 'aeiouyæøå';

/** Danish → Norwegian: b/d/g after a vowel harden to p/t/k; ej → ei; øj → øy; top → topp. */
function danishToNorwegian(word: string): string {
  return word
    .replace(new RegExp(`([${VOWEL}])([bdg])(?=[${VOWEL}]|s|t|e|$)`, 'g'), (_m, vowel: string, consonant: string) =>
      vowel + ({ b: 'p', d: 't', g: 'k' } as Record<string, string>)[consonant]!,
    )
    .replace(/dt(?=e)/g, 'tt')
    .replace(/ej(?=$|[^\p{L}]|e|s)/gu, 'ei')
    .replace(/øj/g, 'øy')
    .replace(/^top(?!p)/, 'topp');
}

/** Norwegian → Danish: the reverse rules. */
function norwegianToDanish(word: string): string {
  return word
    .replace(/^topp/, 'top')
    .replace(new RegExp(`([${VOWEL}])tt(?=es$)`, 'g'), '$1dt')
    .replace(new RegExp(`([${VOWEL}])([ptk])(?=[${VOWEL}]|s$|$)`, 'g'), (match: string, vowel: string, consonant: string, at: number, word: string) =>
      // "-et" is the neuter definite ending in both languages (møtet, mødet), not a hard t.
      consonant === 't' && vowel === 'e' && at + 2 === word.length
        ? match
        : vowel + ({ p: 'b', t: 'd', k: 'g' } as Record<string, string>)[consonant]!,
    )
    .replace(/ei(?=$|e|s)/g, 'ej')
    .replace(/øy/g, 'øj');
}

/** The word and its spelling in the other Scandinavian language, when that differs. */
export function spellingVariants(foldedWord: string): string[] {
  const variants = new Set([foldedWord]);
  // Short words are mostly function words or names, where the rules misfire.
  if (foldedWord.length >= 3 && !/\d/.test(foldedWord)) {
    variants.add(danishToNorwegian(foldedWord));
    variants.add(norwegianToDanish(foldedWord));
  }
  return [...variants];
}
