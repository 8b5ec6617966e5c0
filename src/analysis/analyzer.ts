// Turns an article into what the store indexes (terms per sentence, topics, event dates,
// names) and a query word into the index terms that should match it. Index and query share
// every rule here, which is what makes a search find what it should.
import { createHash } from 'node:crypto';
import type { AlmanakConfig } from '../../config/schema.ts';
import type { PartialDate } from '../core/dates.ts';
import { LANGUAGES, type Language } from '../core/types.ts';
import { findEventDates, pickEventDate } from '../events/event-dates.ts';
import { foldToken, isAcronym, isCapitalized } from './normalize.ts';
import { splitSentences, type Span } from './sentences.ts';
import { spellingVariants } from './spelling.ts';
import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { compoundParts, tokenize } from './tokenize.ts';
import { createTopicMatcher, type SentenceWord } from './topics.ts';

/** Bump when indexing rules change: stores analysed by another version are re-analysed. */
export const ANALYZER_VERSION = 4;

/** A meeting sentence names at most this many people for pair markers (the rest still count singly). */
const MAX_PAIRED_NAMES = 12;
/** A sentence may take names from the one before it when both fit one excerpt. */
export const NEIGHBOUR_SPAN = 300;

/** Marker term spellings; "_" never occurs in a word term, so markers cannot collide with words. */
export const markerTerms = {
  topicKey: (topic: string) => topic.replace(/[^a-z0-9]/g, ''),
  single: (topic: string, name: string) => `m_${markerTerms.topicKey(topic)}_${name}`,
  pair: (topic: string, a: string, b: string) => (a < b ? `mp_${markerTerms.topicKey(topic)}_${a}_${b}` : `mp_${markerTerms.topicKey(topic)}_${b}_${a}`),
  together: (topic: string) => `mr_${markerTerms.topicKey(topic)}`,
  language: (language: Language) => `lang_${language}`,
};

/**
 * Who each meeting sentence is about, as index markers. The rules are the ones /summit applies
 * to a sentence (see search/summit.ts): it names a person (single), it names two people
 * (pair) — taking names from the sentence before when it names at least one itself and both
 * fit one excerpt — or it refers to the parties together, "de to" (together).
 */
export function meetingMarkers(passages: readonly AnalyzedPassage[]): string[] {
  const markers = new Set<string>();
  passages.forEach((passage, index) => {
    const topicNames = Object.keys(passage.topics);
    if (topicNames.length === 0) return;
    const own = new Set(passage.names);
    const previous = passages[index - 1];
    const joint = new Set(own);
    if (own.size > 0 && previous && passage.end - previous.start <= NEIGHBOUR_SPAN) for (const name of previous.names) joint.add(name);
    const paired = [...joint].slice(0, MAX_PAIRED_NAMES);
    for (const topic of topicNames) {
      for (const name of own) markers.add(markerTerms.single(topic, name));
      if (passage.pairReference) markers.add(markerTerms.together(topic));
      for (let i = 0; i < paired.length; i += 1) {
        for (let j = i + 1; j < paired.length; j += 1) {
          const a = paired[i]!;
          const b = paired[j]!;
          if (own.has(a) || own.has(b)) markers.add(markerTerms.pair(topic, a, b));
        }
      }
    }
  });
  return [...markers];
}

export interface AnalyzedPassage {
  readonly ord: number;
  /** Offsets in the article body. */
  readonly start: number;
  readonly end: number;
  readonly terms: readonly string[];
  /** The proper nouns among the terms (folded, genitive stripped). */
  readonly names: readonly string[];
  readonly topics: Readonly<Record<string, number>>;
  readonly pairReference: boolean;
  readonly eventDate?: PartialDate;
}

export interface AnalyzedArticle {
  readonly body: string;
  readonly passages: readonly AnalyzedPassage[];
  /**
   * Marker terms indexed with the article's words: its language, and for each meeting sentence
   * who it names (see meetingMarkers), so /summit is one index lookup.
   */
  readonly markers: readonly string[];
  /** Proper nouns as written most often, keyed by their folded index form. */
  readonly names: ReadonlyMap<string, string>;
}

export interface Analyzer {
  readonly fingerprint: string;
  analyzeArticle(input: { paragraphs: readonly string[]; language: Language; date?: PartialDate }): AnalyzedArticle;
  /** Index terms a query word may match, any of which will do. Empty for a stop word. */
  expandQueryWord(word: string, isKnownName: (folded: string) => boolean): string[];
  /** Every form of a word that should light up in an excerpt when the query has `terms`. */
  matchesAny(word: string, terms: ReadonlySet<string>): boolean;
  /** Is the word part of a topic's vocabulary, in any language? */
  isTopicWord(word: string, topic: string): boolean;
}

type AnalyzerConfig = Pick<AlmanakConfig, 'topics' | 'pairReferences' | 'aliases'>;

/** A genitive s on a name (Putins, USAs): only when the bare form is a name too, or for acronyms. */
function withoutGenitive(folded: string, original: string, properNouns: ReadonlySet<string>): string[] {
  if (folded.length < 4 || !folded.endsWith('s') || folded.endsWith('ss')) return [folded];
  const bare = folded.slice(0, -1);
  if (/\p{Lu}s$/u.test(original) && isAcronym(original.slice(0, -1))) return [bare];
  if (properNouns.has(bare)) return [bare];
  // Unattested bare form (an article that only ever says "Trumps"): index both.
  return [folded, bare];
}

export function createAnalyzer(config: AnalyzerConfig): Analyzer {
  const topics = createTopicMatcher(config);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ version: ANALYZER_VERSION, topics: config.topics, pairs: config.pairReferences }))
    .digest('hex')
    .slice(0, 16);

  const aliasGroups = new Map<string, string[]>();
  for (const entry of config.aliases) {
    const forms = [...new Set([entry.canonical, ...entry.variants].flatMap((name) => tokenize(name).map((t) => foldToken(t.text.replace(/[-‐‑]/g, '')))))];
    for (const form of forms) aliasGroups.set(form, [...new Set([...(aliasGroups.get(form) ?? []), ...forms])]);
  }

  /** Index terms of one word (no hyphen) in context; names are pushed to `names` too. */
  function wordTerms(word: string, language: Language, initial: boolean, properNouns: ReadonlySet<string>, names?: string[], foldedWord?: string): string[] {
    const folded = foldedWord ?? foldToken(word);
    if (isStopword(folded)) return [];
    const first = word.charCodeAt(0);
    if (first >= 48 && first <= 57 && /^\p{N}+$/u.test(word)) return [folded];
    if (isAcronym(word) || (/\p{Lu}s$/u.test(word) && isAcronym(word.slice(0, -1)))) {
      const forms = withoutGenitive(folded, word, properNouns);
      names?.push(...forms);
      return forms;
    }
    if (isCapitalized(word)) {
      const forms = withoutGenitive(folded, word, properNouns);
      const isName = !initial || forms.some((name) => properNouns.has(name));
      // Names are not stemmed (Biden must not become "bid"); an unknown capital at the start of
      // a sentence may be an ordinary word, so it is indexed both ways.
      if (!isName) {
        // Possibly a name ("Putin mødte Trump."): it may name a party of a meeting, so it counts
        // for the meeting markers, but it is not listed as a known name.
        names?.push(folded);
        return [...new Set([folded, stem(folded, language)])];
      }
      names?.push(...forms);
      return forms;
    }
    return [stem(folded, language)];
  }

  function tokenTerms(
    token: { readonly text: string; readonly parts: readonly string[]; readonly folded: readonly string[] },
    language: Language,
    initial: boolean,
    properNouns: ReadonlySet<string>,
    names: string[],
  ): { terms: string[]; word: SentenceWord } {
    const { parts } = token;
    if (parts.length <= 1) {
      const folded = token.folded[0] ?? foldToken(token.text);
      const terms = wordTerms(token.text, language, initial, properNouns, names, folded);
      return { terms, word: { folded, stem: stem(folded, language), parts: [] } };
    }
    const terms = parts.flatMap((part, index) => wordTerms(part, language, initial && index === 0, properNouns, names, token.folded[index]));
    const whole = token.folded.join('');
    const lastPart = parts[parts.length - 1]!;
    const wholeTerm = isCapitalized(lastPart) ? whole : stem(whole, language);
    terms.push(wholeTerm);
    const foldedParts = token.folded.map((folded) => ({ folded, stem: stem(folded, language) }));
    return { terms, word: { folded: whole, stem: wholeTerm, parts: foldedParts } };
  }

  function analyzeArticle(input: { paragraphs: readonly string[]; language: Language; date?: PartialDate }): AnalyzedArticle {
    const body = input.paragraphs.join('\n\n');
    const sentences: Span[] = [];
    let offset = 0;
    for (const paragraph of input.paragraphs) {
      for (const span of splitSentences(paragraph)) sentences.push({ start: offset + span.start, end: offset + span.end });
      offset += paragraph.length + 2;
    }
    // Each token's parts and folded parts are worked out once and shared by every pass below.
    const tokensBySentence = sentences.map((span) =>
      tokenize(body.slice(span.start, span.end)).map((t) => {
        const parts = compoundParts(t.text);
        return { text: t.text, start: t.start + span.start, end: t.end + span.start, parts, folded: parts.map(foldToken) };
      }),
    );

    // A capital that is not the first word of a sentence marks a proper noun in Danish and
    // Norwegian; the article's own usage decides, so names need no dictionary.
    const properNouns = new Set<string>();
    const spellings = new Map<string, Map<string, number>>();
    for (const tokens of tokensBySentence) {
      tokens.forEach((token, index) => {
        if (index === 0) return;
        token.parts.forEach((part, p) => {
          const first = part.charCodeAt(0);
          if (!isCapitalized(part) || (first >= 48 && first <= 57)) return;
          const folded = token.folded[p]!;
          if (!isStopword(folded)) properNouns.add(folded);
        });
      });
    }
    for (const tokens of tokensBySentence) {
      for (const token of tokens) {
        token.parts.forEach((part, p) => {
          if (part.length < 2 || !isCapitalized(part)) return;
          const folded = token.folded[p]!;
          for (const name of withoutGenitive(folded, part, properNouns)) {
            if (!properNouns.has(name)) continue;
            const display = folded === name ? part : part.slice(0, name.length);
            let counts = spellings.get(name);
            if (!counts) spellings.set(name, (counts = new Map<string, number>()));
            counts.set(display, (counts.get(display) ?? 0) + 1);
          }
        });
      }
    }
    const names = new Map<string, string>();
    for (const [name, counts] of spellings) {
      names.set(name, [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
    }

    const passages = sentences.map((span, ord): AnalyzedPassage => {
      const tokens = tokensBySentence[ord]!;
      const terms: string[] = [];
      const names: string[] = [];
      const words: SentenceWord[] = [];
      tokens.forEach((token, index) => {
        const analysed = tokenTerms(token, input.language, index === 0, properNouns, names);
        terms.push(...analysed.terms);
        words.push(analysed.word);
      });
      const eventDate = pickEventDate(findEventDates(body.slice(span.start, span.end), input.date));
      return {
        ord,
        start: span.start,
        end: span.end,
        terms,
        names: [...new Set(names)],
        topics: topics.topicsOf(words),
        pairReference: topics.hasPairReference(words),
        ...(eventDate ? { eventDate } : {}),
      };
    });
    return { body, passages, names, markers: [markerTerms.language(input.language), ...meetingMarkers(passages)] };
  }

  function expandQueryWord(word: string, isKnownName: (folded: string) => boolean): string[] {
    const parts = compoundParts(word);
    if (parts.length > 1) {
      const whole = foldToken(parts.join(''));
      return [...new Set([whole, ...LANGUAGES.map((language) => stem(whole, language))])];
    }
    const folded = foldToken(word);
    if (folded.length === 0 || isStopword(folded)) return [];
    const forms = new Set<string>([folded]);
    const bare = folded.length >= 4 && folded.endsWith('s') && !folded.endsWith('ss') ? folded.slice(0, -1) : undefined;
    if (bare) forms.add(bare);
    const aliases = aliasGroups.get(folded) ?? (bare ? aliasGroups.get(bare) : undefined);
    if (aliases) for (const alias of aliases) forms.add(alias);
    const known = aliases !== undefined || isKnownName(folded) || (bare !== undefined && isKnownName(bare));
    if (known) return [...forms];
    for (const variant of spellingVariants(folded)) {
      forms.add(variant);
      for (const language of LANGUAGES) forms.add(stem(variant, language));
    }
    return [...forms];
  }

  function matchesAny(word: string, terms: ReadonlySet<string>): boolean {
    const parts = compoundParts(word);
    const candidates = new Set<string>();
    for (const part of [...parts, parts.join('')]) {
      const folded = foldToken(part);
      candidates.add(folded);
      if (folded.endsWith('s')) candidates.add(folded.slice(0, -1));
      for (const language of LANGUAGES) candidates.add(stem(folded, language));
    }
    for (const candidate of candidates) if (terms.has(candidate)) return true;
    return false;
  }

  function isTopicWord(word: string, topic: string): boolean {
    const parts = compoundParts(word).map((part) => foldToken(part));
    const folded = parts.join('');
    return LANGUAGES.some((language) =>
      topics.isTopicWord({ folded, stem: stem(folded, language), parts: parts.map((part) => ({ folded: part, stem: stem(part, language) })) }, topic),
    );
  }

  return { fingerprint, analyzeArticle, expandQueryWord, matchesAny, isTopicWord };
}
