// Finds which topics a sentence is about (by weighted vocabulary, minus idioms that only look
// like it) and whether it refers to all parties at once ("de to", "begge", "the two leaders").
import type { AlmanakConfig, TopicConfig } from '../../config/schema.ts';
import { LANGUAGES } from '../core/types.ts';
import { foldToken } from './normalize.ts';
import { stem } from './stem.ts';

type IdiomElement = '*' | ReadonlySet<string>;

interface CompiledTopic {
  readonly name: string;
  /** Folded surface forms and their stems in every language → weight. */
  readonly weights: ReadonlyMap<string, number>;
  readonly idioms: readonly (readonly IdiomElement[])[];
}

/** A sentence token as the topic matcher sees it. */
export interface SentenceWord {
  readonly folded: string;
  /** Stem in the article's language (of the last part, for compounds). */
  readonly stem: string;
  /** Folded parts of a hyphenated compound, each with its stem. */
  readonly parts: readonly { readonly folded: string; readonly stem: string }[];
}

const IDIOM_GAP = 4;

function compileTopic(name: string, topic: TopicConfig): CompiledTopic {
  const weights = new Map<string, number>();
  const add = (form: string, weight: number) => weights.set(form, Math.max(weights.get(form) ?? 0, weight));
  for (const { word, weight } of topic.terms) {
    const folded = foldToken(word);
    add(folded, weight);
    for (const language of LANGUAGES) add(stem(folded, language), weight);
  }
  const idioms = topic.idioms.map((pattern) =>
    pattern.map((element): IdiomElement => (element === '*' ? '*' : new Set(element.map(foldToken)))),
  );
  return { name, weights, idioms };
}

/** Indices of tokens inside an idiom ("går Putin så Trump i møde"): they do not count. */
function idiomTokens(words: readonly SentenceWord[], idioms: CompiledTopic['idioms']): Set<number> {
  const covered = new Set<number>();
  const matchFrom = (pattern: readonly IdiomElement[], element: number, at: number, taken: number[]): number[] | undefined => {
    if (element === pattern.length) return taken;
    const current = pattern[element]!;
    if (current === '*') {
      for (let gap = 0; gap <= IDIOM_GAP; gap += 1) {
        const found = matchFrom(pattern, element + 1, at + gap, taken);
        if (found) return found;
      }
      return undefined;
    }
    const word = words[at];
    if (!word || !current.has(word.folded)) return undefined;
    return matchFrom(pattern, element + 1, at + 1, [...taken, at]);
  };
  for (const pattern of idioms) {
    for (let start = 0; start < words.length; start += 1) {
      const taken = matchFrom(pattern, 0, start, []);
      if (taken) for (let i = taken[0]!; i <= taken[taken.length - 1]!; i += 1) covered.add(i);
    }
  }
  return covered;
}

/** The strongest weight any form of the word has in the topic (0: not topic vocabulary). */
function weightOf(topic: CompiledTopic, word: SentenceWord): number {
  // Called for every word of every sentence at ingest: plain lookups, no arrays.
  let weight = Math.max(topic.weights.get(word.folded) ?? 0, topic.weights.get(word.stem) ?? 0);
  for (const part of word.parts) weight = Math.max(weight, topic.weights.get(part.folded) ?? 0, topic.weights.get(part.stem) ?? 0);
  return weight;
}

export interface TopicMatcher {
  /** Topic name → strongest weight found in the sentence (absent = not about it). */
  topicsOf(words: readonly SentenceWord[]): Record<string, number>;
  /** Refers to the parties together ("de to", "begge") rather than naming them? */
  hasPairReference(words: readonly SentenceWord[]): boolean;
  /** Is this one word part of the topic's vocabulary (for highlighting)? */
  isTopicWord(word: SentenceWord, topic: string): boolean;
}

export function createTopicMatcher(config: Pick<AlmanakConfig, 'topics' | 'pairReferences'>): TopicMatcher {
  const topics = Object.entries(config.topics).map(([name, topic]) => compileTopic(name, topic));
  const phrases = config.pairReferences.phrases.map((phrase) => phrase.split(/\s+/).map(foldToken));
  const notAfter = new Set(config.pairReferences.notAfter.map(foldToken));

  return {
    topicsOf(words) {
      const found: Record<string, number> = {};
      for (const topic of topics) {
        let best = 0;
        let excluded: Set<number> | undefined;
        words.forEach((word, index) => {
          const weight = weightOf(topic, word);
          if (weight === 0) return;
          excluded ??= idiomTokens(words, topic.idioms);
          if (!excluded.has(index)) best = Math.max(best, weight);
        });
        if (best > 0) found[topic.name] = best;
      }
      return found;
    },
    isTopicWord(word, name) {
      const topic = topics.find((candidate) => candidate.name === name);
      if (!topic) return false;
      return [word.folded, word.stem, ...word.parts.flatMap((part) => [part.folded, part.stem])].some((form) => topic.weights.has(form));
    },
    hasPairReference(words) {
      for (let at = 0; at < words.length; at += 1) {
        for (const phrase of phrases) {
          if (!phrase.every((part, offset) => words[at + offset]?.folded === part)) continue;
          const following = words[at + phrase.length];
          if (following && notAfter.has(following.folded)) continue;
          return true;
        }
      }
      return false;
    },
  };
}
