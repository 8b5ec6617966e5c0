// Removes web-page furniture from article text by general rules (navigation, photo credits,
// stray ids, comment counters, repeated headlines), so excerpts only ever quote the article.
import { normalizeText } from '../analysis/normalize.ts';
import { tokenize } from '../analysis/tokenize.ts';

export interface BoilerplateRules {
  readonly dropParagraphs: readonly string[];
  readonly trailingCredits: readonly string[];
}

export interface CompiledBoilerplate {
  readonly drop: readonly RegExp[];
  readonly credits: readonly RegExp[];
}

export function compileBoilerplate(rules: BoilerplateRules): CompiledBoilerplate {
  return {
    drop: rules.dropParagraphs.map((pattern) => new RegExp(pattern, 'iu')),
    credits: rules.trailingCredits.map((pattern) => new RegExp(pattern, 'u')),
  };
}

const ENDS_SENTENCE = /[.!?…:;'"’”»)]$/;

// Words a sentence cannot end on (auxiliaries, prepositions, conjunctions, articles); "det",
// "her" or "over" can, so they are not here.
const NEVER_LAST = new Set(
  `har er var og eller men at til i på med af av for fra en et ei som ved efter etter mellem mellom hvor når fordi
  skal vil kan må blev ble hadde havde sin sit sine hans hennes hendes deres the a an and of to with has have had is was`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * A paragraph that stops on a function word ("I en fersk uttalelse har") was cut by the page
 * layout, not by the writer: it continues in the next paragraph.
 */
function isCutShort(paragraph: string): boolean {
  if (ENDS_SENTENCE.test(paragraph)) return false;
  const tokens = tokenize(paragraph);
  const last = tokens[tokens.length - 1];
  return tokens.length >= 2 && last !== undefined && NEVER_LAST.has(last.text);
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Clean paragraphs of an article, in order. Input: paragraphs separated by blank lines or lines. */
export function cleanParagraphs(text: string, rules: CompiledBoilerplate): string[] {
  const lines = normalizeText(text).replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  let block: string[] = [];
  const flush = () => {
    if (block.length > 0) kept.push(squash(block.join(' ')));
    block = [];
  };
  for (const rawLine of lines) {
    let line = squash(rawLine);
    if (line.length === 0) {
      flush();
      continue;
    }
    if (rules.drop.some((pattern) => pattern.test(line))) continue;
    for (const credit of rules.credits) line = line.replace(credit, '').trim();
    if (line.length > 0) block.push(line);
  }
  flush();

  const paragraphs: string[] = [];
  for (const paragraph of kept) {
    const previous = paragraphs[paragraphs.length - 1];
    // A headline repeated as the next line is printed twice by the page, not by the writer.
    if (previous !== undefined && previous.toLowerCase() === paragraph.toLowerCase()) continue;
    if (previous !== undefined && isCutShort(previous)) {
      paragraphs[paragraphs.length - 1] = `${previous} ${paragraph}`;
      continue;
    }
    paragraphs.push(paragraph);
  }
  return paragraphs;
}
