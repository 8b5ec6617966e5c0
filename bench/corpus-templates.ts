// Sentence templates for the synthetic corpus, cut from the bundled corpus: each clean sentence
// (almanak's own boilerplate and sentence rules) with its people, months, days, years, weekdays
// and places turned into slots that the generator fills differently for every article.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaults } from '../config/defaults.ts';
import { detectLanguage } from '../src/analysis/language.ts';
import { splitSentences } from '../src/analysis/sentences.ts';
import { cleanParagraphs, compileBoilerplate } from '../src/text/boilerplate.ts';

export type CorpusLanguage = 'da' | 'no';

export interface SentenceTemplate {
  /** Text with slots: ⟦0F⟧ full name of cast member 0, ⟦0H⟧ its genitive, ⟦0S⟧ short name, ⟦0G⟧ short genitive, ⟦M⟧ month, ⟦D⟧ day, ⟦Y⟧ year, ⟦W⟧ weekday, ⟦P⟧ place. */
  readonly text: string;
  /** A sub-heading (short, no closing punctuation) rather than a sentence. */
  readonly heading: boolean;
}

export interface TemplatePool {
  readonly sentences: readonly SentenceTemplate[];
  /** Short sentences fit for a headline. */
  readonly headlines: readonly SentenceTemplate[];
}

/** People named in the bundled corpus → cast slot (0 = the protagonist, 1 = the counterpart, …). */
const SOURCE_PEOPLE: readonly { full: readonly string[]; short: readonly string[]; slot: number }[] = [
  { full: ['Vladimir Putin'], short: ['Putin'], slot: 0 },
  { full: ['Donald Trump'], short: ['Trump'], slot: 1 },
  { full: ['Joe Biden'], short: ['Biden'], slot: 1 },
  { full: ['Mike Pompeo'], short: ['Pompeo'], slot: 2 },
  { full: ['Bashar al-Assad'], short: ['Assad'], slot: 2 },
  { full: ['Nicolas Maduro'], short: ['Maduro'], slot: 2 },
  { full: ['Volodimir Zelenskij', 'Volodymyr Zelenskij'], short: ['Zelenskij'], slot: 2 },
  { full: ['Kim Jong-un'], short: ['Jong-un'], slot: 2 },
  { full: ['Sergej Lavrov', 'Sergej lavrov'], short: ['Lavrov'], slot: 3 },
  { full: ['Theresa May'], short: ['May'], slot: 3 },
  { full: ['Xi Jinping'], short: [], slot: 4 },
  { full: ['Jens Stoltenberg'], short: ['Stoltenberg'], slot: 4 },
  { full: ['Shinzo Abe'], short: [], slot: 2 },
  { full: ['Sean Spicer'], short: ['Spicer'], slot: 4 },
  { full: ['Jurij Usjakov'], short: ['Usjakiov', 'Usjakov'], slot: 4 },
  { full: [], short: ['Scholz'], slot: 4 },
];
export const CAST_SIZE = 5;

const MONTHS = 'januar februar marts mars april maj mai juni juli august september oktober november december desember';
const WEEKDAYS = 'mandag tirsdag onsdag torsdag fredag lørdag søndag';
const PLACES = ['Argentina', 'Hamburg', 'Sotsji', 'Sochi', 'Salisbury', 'Tyrkia', 'Tyskland', 'Idlib', 'Kursk', 'London'];

const word = (alternatives: string) => `(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function templatize(sentence: string): string {
  let text = sentence;
  for (const person of SOURCE_PEOPLE) {
    for (const full of person.full) {
      text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(full)}(s?)(?![\\p{L}\\p{N}])`, 'gu'), (_m, s: string) =>
        s ? `⟦${person.slot}H⟧` : `⟦${person.slot}F⟧`,
      );
    }
    for (const short of person.short) {
      text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(short)}(s?)(?![\\p{L}\\p{N}])`, 'gu'), (_m, s: string) =>
        s ? `⟦${person.slot}G⟧` : `⟦${person.slot}S⟧`,
      );
    }
  }
  return text
    .replace(new RegExp(`(?<!\\p{N})\\d{1,2}\\. (${MONTHS.split(' ').join('|')})(?![\\p{L}])`, 'gu'), '⟦D⟧. ⟦M⟧')
    .replace(new RegExp(word(MONTHS.split(' ').join('|')), 'gu'), '⟦M⟧')
    .replace(/(?<!\d|\d\.)(?:19|20)\d\d(?!\d|\.\d)/g, '⟦Y⟧')
    .replace(new RegExp(word(WEEKDAYS.split(' ').join('|')), 'gu'), '⟦W⟧')
    .replace(new RegExp(word(PLACES.join('|')), 'gu'), '⟦P⟧');
}

/** Templates per language from the corpus folder (each article's language as almanak detects it). */
export function loadTemplates(corpusDir: string): Record<CorpusLanguage, TemplatePool> {
  const rules = compileBoilerplate(defaults.boilerplate);
  const pools: Record<CorpusLanguage, { sentences: SentenceTemplate[]; headlines: SentenceTemplate[] }> = {
    da: { sentences: [], headlines: [] },
    no: { sentences: [], headlines: [] },
  };
  for (const name of readdirSync(corpusDir).filter((file) => file.endsWith('.txt')).sort()) {
    const raw = readFileSync(join(corpusDir, name), 'utf8').replace(/^\s*date\s+\S+[ \t]*/, '');
    const paragraphs = cleanParagraphs(raw, rules);
    const detected = detectLanguage(paragraphs.join('\n'), 'da').language;
    const pool = pools[detected === 'da' ? 'da' : 'no'];
    for (const paragraph of paragraphs) {
      for (const span of splitSentences(paragraph)) {
        const sentence = paragraph.slice(span.start, span.end);
        if (sentence.length < 12) continue;
        const template: SentenceTemplate = { text: templatize(sentence), heading: !/[.!?…»"']$/.test(sentence) && sentence.length < 60 };
        pool.sentences.push(template);
        if (!template.heading && sentence.length >= 40 && sentence.length <= 130) pool.headlines.push({ ...template, text: template.text.replace(/\.$/, '') });
      }
    }
  }
  for (const [language, pool] of Object.entries(pools)) {
    if (pool.sentences.length < 10 || pool.headlines.length === 0) throw new Error(`corpus ${corpusDir}: too few ${language} sentences to build articles from`);
  }
  return pools;
}
