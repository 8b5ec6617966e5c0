// Tells Danish, Norwegian Bokmål and English apart by words and spellings that only one of them
// uses (Danish "af, efter, mellem, blev", Norwegian "av, etter, mellom, ble, å").
import type { Language } from '../core/types.ts';

const WORDS = /\p{L}+/gu;

const MARKERS: Record<Language, ReadonlySet<string>> = {
  da: new Set(
    `af efter mellem nu blev bliver sig mig dig hvad meget nogle noget nogen uden gennem siger sagde fik ud op havde
    mod endnu sådan os vores hende hendes end sidste aften hvide nyheder præsident præsidenten ifølge dag ugen
    udtrykt opfordrer lande rusland russiske kommende tredjeland samarbejde tidspunkt også`
      .split(/\s+/)
      .filter(Boolean),
  ),
  no: new Set(
    `av etter mellom nå ble blir seg meg deg hva mye noen noe uten gjennom sier sa fikk ut opp hadde mot ennå slik
    oss vår henne hennes enn siste kveld hvite nyheter president presidenten ifølge dag uken å ikkje russland
    landene samarbeid tidligere bare også`
      .split(/\s+/)
      .filter(Boolean),
  ),
  en: new Set(
    `the and of to is was with that for on are have has said from by at this which would their been were will
    who after about president meeting talks`
      .split(/\s+/)
      .filter(Boolean),
  ),
};

// Words in more than one list count for none: they tell nothing.
const SHARED = new Set(
  [...MARKERS.da].filter((w) => MARKERS.no.has(w) || MARKERS.en.has(w)).concat([...MARKERS.no].filter((w) => MARKERS.en.has(w))),
);

// Spellings: Norwegian -het / ei / øy; Danish -hed / ej / øj.
const SUFFIX_CUES: readonly [RegExp, Language][] = [
  [/het(en|er|ene)?$/, 'no'],
  [/hed(en|er|erne)?$/, 'da'],
  [/ei(en|er|ene)?$/, 'no'],
  [/ej(en|e|ene)?$/, 'da'],
];

export interface LanguageGuess {
  readonly language: Language;
  /** Marker hits behind the guess; below 3 the guess is weak. */
  readonly evidence: number;
}

export function detectLanguage(text: string, fallback: Language): LanguageGuess {
  const scores: Record<Language, number> = { da: 0, no: 0, en: 0 };
  // The first 1,500 characters decide it (some 230 words); the rest need not be read.
  const sample = (text.length > 1500 ? text.slice(0, 1500) : text).toLowerCase();
  for (const match of sample.matchAll(WORDS)) {
    const word = match[0];
    if (SHARED.has(word)) continue;
    for (const language of ['da', 'no', 'en'] as const) {
      if (MARKERS[language].has(word)) scores[language] += 1;
    }
    if (word.length > 5) {
      for (const [pattern, language] of SUFFIX_CUES) if (pattern.test(word)) scores[language] += 0.5;
    }
  }
  const ranked = (Object.entries(scores) as [Language, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0 || best[1] === second?.[1]) return { language: fallback, evidence: 0 };
  return { language: best[0], evidence: best[1] - (second?.[1] ?? 0) };
}
