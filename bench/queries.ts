// The seeded query mix both sides answer: /search-style queries of 1–3 words (topic words in
// Danish or Norwegian spelling, leaders' names, the odd genitive) and /summit-style pairs of
// leaders. Each query carries its baseline form: the plain words, quoted and AND'ed.
import { genitive, LEADERS } from './leaders.ts';
import { createRng, cumulative, zipfWeights } from './rng.ts';

export interface BenchQuery {
  readonly kind: 'search' | 'summit';
  /** What the user typed: the /search text or the /summit names. */
  readonly text: string;
  /** FTS5 MATCH expression for the plain-FTS5 baseline. */
  readonly baselineMatch: string;
}

/** Topic words as Danish and Norwegian write them (the same word twice when both agree). */
const WORDS: readonly (readonly [string, string])[] = [
  ['topmøde', 'toppmøte'], ['møde', 'møte'], ['mødes', 'møtes'], ['præsident', 'president'], ['Rusland', 'Russland'],
  ['Ukraine', 'Ukraina'], ['samarbejde', 'samarbeid'], ['telefonsamtale', 'telefonsamtale'], ['samtale', 'samtale'],
  ['udenrigsminister', 'utenriksminister'], ['forhandlinger', 'forhandlinger'], ['soldater', 'soldater'],
  ['dialog', 'dialog'], ['Kreml', 'Kremlin'], ['sikkerhed', 'sikkerhet'], ['krig', 'krig'], ['fred', 'fred'],
  ['våbenkontrol', 'våpenhvile'], ['grænsen', 'grensen'], ['ambassade', 'ambassade'], ['diplomater', 'diplomater'],
  ['atomprogram', 'atomnedrustning'], ['pressemøde', 'pressekonferanse'], ['Krim', 'Krim'], ['Syrien', 'Syria'],
  ['G20-topmødet', 'G20-møtet'], ['Nordkorea', 'Nord-Korea'], ['droneangreb', 'droneangrep'], ['Venezuela', 'Venezuela'],
  ['nytårshilsner', 'nyttårshilsen'], ['optrapning', 'opptrapping'], ['efterretningstjeneste', 'etterretningstjeneste'],
];

const leaderPicks = cumulative(zipfWeights(LEADERS.length, 1.0));

/** Tokens as FTS5's unicode61 tokenizer would split them, quoted and AND'ed. */
export function plainMatch(text: string): string {
  const tokens = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return tokens.map((token) => `"${token.toLowerCase()}"`).join(' AND ');
}

export function generateQueries(count: number, seed: number): BenchQuery[] {
  const rng = createRng(seed);
  const leader = () => LEADERS[rng.weighted(leaderPicks)]!;
  const queries: BenchQuery[] = [];
  while (queries.length < count) {
    if (rng.chance(0.3)) {
      const first = leader();
      let second = leader();
      while (second === first) second = leader();
      const text = `${first.short} ${second.short}`;
      queries.push({ kind: 'summit', text, baselineMatch: plainMatch(text) });
      continue;
    }
    const words: string[] = [];
    const length = rng.weighted(cumulative([35, 40, 25])) + 1;
    while (words.length < length) {
      const roll = rng.next();
      let word: string;
      if (roll < 0.35) word = leader().short;
      else if (roll < 0.4) word = genitive(leader().short);
      else word = rng.pick(WORDS)[rng.chance(0.5) ? 0 : 1];
      if (!words.includes(word)) words.push(word);
    }
    const text = words.join(' ');
    queries.push({ kind: 'search', text, baselineMatch: plainMatch(text) });
  }
  return queries;
}
