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

/**
 * What the analyser needs to know about one written word (no hyphen) in one language. News
 * repeats its vocabulary, so these are worked out once per distinct spelling and cached; only
 * the decisions that depend on the article (is it a known name here?) are made per token.
 */
interface WordFacts {
  readonly text: string;
  readonly folded: string;
  readonly stop: boolean;
  readonly numeric: boolean;
  readonly capitalized: boolean;
  /** An acronym (USA, G20), also with a genitive s (USAs). */
  readonly acronym: boolean;
  /** Written as an acronym plus s: the s is a genitive, whatever the article says. */
  readonly acronymGenitive: boolean;
  /** Stem in the language the facts were made for. */
  readonly stem: string;
  /** The index terms of an ordinary (lowercase) word: its stem; none for a stop word. */
  readonly plainTerms: readonly string[];
  readonly foldedTerms: readonly string[];
  /** The word as the topic matcher sees it (single-part tokens). */
  readonly sentenceWord: SentenceWord;
}

/** A token (possibly a hyphenated compound) with the facts of each part, cached like WordFacts. */
interface TokenShape {
  readonly parts: readonly WordFacts[];
  /** The compound as a whole: folded parts joined, and its index term. */
  readonly whole?: { readonly term: string; readonly sentenceWord: SentenceWord };
}

const NO_TERMS: readonly string[] = Object.freeze([]);
const NO_PARTS: SentenceWord['parts'] = Object.freeze([]);
// Distinct spellings per language a worker remembers (a few hundred bytes each); news vocabulary
// is Zipf-shaped, so the commonest words stay cached even when a large archive overflows it.
const FACTS_CACHE_LIMIT = 50_000;

function wordFacts(text: string, language: Language): WordFacts {
  const folded = foldToken(text);
  const first = text.charCodeAt(0);
  const stemmed = stem(folded, language);
  const acronymGenitive = text.length > 1 && /\p{Lu}s$/u.test(text) && isAcronym(text.slice(0, -1));
  return {
    text,
    folded,
    stop: isStopword(folded),
    numeric: first >= 48 && first <= 57 && /^\p{N}+$/u.test(text),
    capitalized: isCapitalized(text),
    acronym: isAcronym(text) || acronymGenitive,
    acronymGenitive,
    stem: stemmed,
    plainTerms: isStopword(folded) ? NO_TERMS : Object.freeze([stemmed]),
    foldedTerms: Object.freeze([folded]),
    sentenceWord: Object.freeze({ folded, stem: stemmed, parts: NO_PARTS }),
  };
}

/** A genitive s on a name (Putins, USAs): only when the bare form is a name too, or for acronyms. */
function withoutGenitive(word: WordFacts, properNouns: ReadonlySet<string>): string[] {
  const { folded } = word;
  if (folded.length < 4 || !folded.endsWith('s') || folded.endsWith('ss')) return [folded];
  const bare = folded.slice(0, -1);
  if (word.acronymGenitive) return [bare];
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

  const shapes = new Map<Language, Map<string, TokenShape>>();
  function shapeOf(token: string, language: Language): TokenShape {
    let cache = shapes.get(language);
    if (!cache) shapes.set(language, (cache = new Map()));
    const known = cache.get(token);
    if (known) return known;
    const parts = compoundParts(token).map((part) => wordFacts(part, language));
    let shape: TokenShape = { parts };
    if (parts.length > 1) {
      const whole = parts.map((part) => part.folded).join('');
      const term = parts[parts.length - 1]!.capitalized ? whole : stem(whole, language);
      const sentenceWord = { folded: whole, stem: term, parts: parts.map((part) => ({ folded: part.folded, stem: part.stem })) };
      shape = { parts, whole: { term, sentenceWord } };
    }
    if (cache.size >= FACTS_CACHE_LIMIT) cache.clear();
    cache.set(token, shape);
    return shape;
  }

  /** Index terms of one word (no hyphen) in context; names are pushed to `names` too. */
  function wordTerms(word: WordFacts, initial: boolean, properNouns: ReadonlySet<string>, names: string[]): readonly string[] {
    if (word.stop) return NO_TERMS;
    if (word.numeric) return word.foldedTerms;
    if (word.acronym) {
      const forms = withoutGenitive(word, properNouns);
      names.push(...forms);
      return forms;
    }
    if (word.capitalized) {
      const forms = withoutGenitive(word, properNouns);
      const isName = !initial || forms.some((name) => properNouns.has(name));
      // Names are not stemmed (Biden must not become "bid"); an unknown capital at the start of
      // a sentence may be an ordinary word, so it is indexed both ways.
      if (!isName) {
        // Possibly a name ("Putin mødte Trump."): it may name a party of a meeting, so it counts
        // for the meeting markers, but it is not listed as a known name.
        names.push(word.folded);
        return word.stem === word.folded ? word.foldedTerms : [word.folded, word.stem];
      }
      names.push(...forms);
      return forms;
    }
    return word.plainTerms;
  }

  /** Appends one token's index terms to `terms` and its topic-matcher view to `words`. */
  function addTokenTerms(shape: TokenShape, initial: boolean, properNouns: ReadonlySet<string>, terms: string[], names: string[], words: SentenceWord[]): void {
    const { parts, whole } = shape;
    if (!whole) {
      const word = parts[0]!;
      for (const term of wordTerms(word, initial, properNouns, names)) terms.push(term);
      words.push(word.sentenceWord);
      return;
    }
    parts.forEach((part, index) => {
      for (const term of wordTerms(part, initial && index === 0, properNouns, names)) terms.push(term);
    });
    terms.push(whole.term);
    words.push(whole.sentenceWord);
  }

  function analyzeArticle(input: { paragraphs: readonly string[]; language: Language; date?: PartialDate }): AnalyzedArticle {
    const body = input.paragraphs.join('\n\n');
    const sentences: Span[] = [];
    let offset = 0;
    for (const paragraph of input.paragraphs) {
      for (const span of splitSentences(paragraph)) sentences.push({ start: offset + span.start, end: offset + span.end });
      offset += paragraph.length + 2;
    }
    // Each token's parts and their facts are looked up once and shared by every pass below.
    const tokensBySentence = sentences.map((span) =>
      tokenize(body.slice(span.start, span.end)).map((t) => ({ start: t.start + span.start, end: t.end + span.start, shape: shapeOf(t.text, input.language) })),
    );

    // A capital that is not the first word of a sentence marks a proper noun in Danish and
    // Norwegian; the article's own usage decides, so names need no dictionary.
    const properNouns = new Set<string>();
    const spellings = new Map<string, Map<string, number>>();
    for (const tokens of tokensBySentence) {
      for (let index = 1; index < tokens.length; index += 1) {
        for (const part of tokens[index]!.shape.parts) {
          if (part.capitalized && !part.stop) properNouns.add(part.folded);
        }
      }
    }
    for (const tokens of tokensBySentence) {
      for (const token of tokens) {
        for (const part of token.shape.parts) {
          if (part.text.length < 2 || !part.capitalized) continue;
          for (const name of withoutGenitive(part, properNouns)) {
            if (!properNouns.has(name)) continue;
            const display = part.folded === name ? part.text : part.text.slice(0, name.length);
            let counts = spellings.get(name);
            if (!counts) spellings.set(name, (counts = new Map<string, number>()));
            counts.set(display, (counts.get(display) ?? 0) + 1);
          }
        }
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
      tokens.forEach((token, index) => addTokenTerms(token.shape, index === 0, properNouns, terms, names, words));
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
