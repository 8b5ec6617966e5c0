// Event dates: finds the date of the EVENT a sentence names ("i november", "17. maj 2018",
// "in 2014", "i fjor") in Danish, Norwegian Bokmål or English news text, and resolves it
// against the article's own publication date. The language is not needed: month names and
// phrases of all three are recognised at once.
//
// A year is never invented: a mention without an explicit year needs a dated article, and
// an impossible date ("31. februar 2018") yields nothing at all. This runs on every sentence
// at ingest, so all patterns are compiled once and most sentences leave at the pre-check.
import { isValidPartialDate, precisionOf, type PartialDate } from '../core/dates.ts';

export interface EventDateMention {
  readonly date: PartialDate; // resolved, valid
  readonly start: number; // UTF-16 offset of the matched phrase in the sentence
  readonly end: number;
  readonly text: string; // the matched phrase, e.g. "17. maj 2018", "i november"
}

const MONTH_NUMBER: Readonly<Record<string, number>> = {
  januar: 1, january: 1, jan: 1,
  februar: 2, february: 2, feb: 2,
  marts: 3, mars: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  maj: 5, mai: 5, may: 5,
  juni: 6, june: 6,
  juli: 7, july: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, desember: 12, dec: 12, des: 12,
};

const SCANDINAVIAN_MONTHS = ['januar', 'februar', 'marts', 'mars', 'april', 'maj', 'mai', 'juni', 'juli',
  'august', 'september', 'oktober', 'november', 'december', 'desember'];
const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
  'september', 'october', 'november', 'december'];
// Only with a dot, and only next to a day or a year: "jan." alone could end a sentence about Jan.
// "jun."/"jul." are left out: Danish "jul." is Christmas at the end of a sentence.
const ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'aug', 'sept', 'sep', 'okt', 'oct', 'nov', 'dec', 'des'];

// Capitalised, these are also first names (August, Maj, Mai, May) or a planet (Mars).
const NAME_LIKE = new Set(['august', 'may', 'mai', 'maj', 'mars']);

const RELATIVE_YEAR: Readonly<Record<string, number>> = {
  'i fjor': -1, 'sidste år': -1, 'forrige år': -1, 'last year': -1,
  'i år': 0, 'this year': 0,
  'næste år': 1, 'neste år': 1, 'next year': 1,
};

// Explicit years outside this range are not taken as years ("i 5000 år" is a count).
const MIN_YEAR = 1000;
const MAX_YEAR = 2199;

const alternatives = (words: readonly string[]) => `(?:${words.join('|')})(?!\\p{L})`;
const SCANDINAVIAN_MONTH = alternatives(SCANDINAVIAN_MONTHS);
const ENGLISH_MONTH = alternatives(ENGLISH_MONTHS);
const ABBREVIATED_MONTH = `(?:${ABBREVIATIONS.join('|')})\\.`;
const ANY_MONTH = `(?:${alternatives([...new Set([...SCANDINAVIAN_MONTHS, ...ENGLISH_MONTHS])])}|${ABBREVIATED_MONTH})`;

const WORD_START = '(?<![\\p{L}\\p{N}])';
// A number starts a token of its own: not "G20", not the "000" of "40.000".
const NUMBER_START = '(?<![\\p{L}\\p{N}])(?<!\\p{N}[.,])';
const NUMBER_END = '(?![\\p{L}\\p{N}]|[.,]\\p{N})';
const YEAR = `(\\d{4})${NUMBER_END}`;

// Phrases that make a lone month or year a point in time. Each ends with its separator.
const SCANDINAVIAN_PHRASE =
  '(?:(?:i\\s+)?(?:slutningen|begyndelsen|starten|midten|løbet|udgangen|slutten|begynnelsen|løpet|utgangen)\\s+a[fv]\\s+' +
  '|(?:først|sidst|sist|midt|senest|allerede)\\s+i\\s+' +
  '|(?:i|fra|til|siden|efter|etter|før|inden|innen|indtil|inntil|primo|medio|ultimo)\\s+)';
const ENGLISH_PREPOSITION = '(?:in|by|until|till|since|from|before|after|during|through)';
const ENGLISH_PHRASE =
  `(?:(?:${ENGLISH_PREPOSITION}\\s+|at\\s+)?(?:early|late|the\\s+(?:end|beginning|start|middle)\\s+of)\\s+` +
  `|(?:${ENGLISH_PREPOSITION}\\s+)?mid(?:-|\\s+)` +
  `|${ENGLISH_PREPOSITION}\\s+)`;
// After "i 2000" / "in 2000": a unit or a suffix means a count or a decade, not a year.
const NOT_A_COUNT =
  "(?!['’-]\\p{L}|\\s*(?:%|(?:år|years?|kr|kroner|dollars?|euro|procent|prosent|percent|mio|mia|millioner|millions?)(?!\\p{L})))";

const re = (source: string) => new RegExp(source, 'giu');
const ISO_DATE = re(`${NUMBER_START}(\\d{4})-(\\d{2})-(\\d{2})${NUMBER_END}`);
const NUMERIC_DATE = re(`${NUMBER_START}(\\d{1,2})\\.(\\d{1,2})\\.${YEAR}`);
const DAY_MONTH = re(
  // "of" only after an ordinal: "17th of May" is a date, "3 of May's ministers" is not.
  `${NUMBER_START}(\\d{1,2})(?:\\.|(?:st|nd|rd|th)(?:\\s+of)?)?\\s+(${ANY_MONTH})(?:\\s+${YEAR})?`,
);
const MONTH_DAY = re(
  `${WORD_START}(${ENGLISH_MONTH}|${ABBREVIATED_MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?${NUMBER_END}(?:,?\\s+${YEAR})?`,
);
const MONTH_YEAR = re(`${WORD_START}(${ANY_MONTH})\\s+${YEAR}`);
// A phrase pairs with months of its own languages: "I may" is not Danish for "i maj".
const PHRASE_MONTH = re(
  `${WORD_START}(?:${SCANDINAVIAN_PHRASE}(${SCANDINAVIAN_MONTH})|${ENGLISH_PHRASE}(${ENGLISH_MONTH}))`,
);
const PHRASE_YEAR = re(`${WORD_START}(?:${SCANDINAVIAN_PHRASE}|${ENGLISH_PHRASE})${YEAR}${NOT_A_COUNT}`);
// "de sidste år" / "the last year" mean a span of years, not the year before the article.
const RELATIVE = re(
  `${WORD_START}(?<!(?<!\\p{L})(?:de|det|den|the)\\s+)` +
    '(?:i\\s+fjor|(?:sidste|forrige)\\s+år|last\\s+year|i\\s+år|this\\s+year|n[æe]ste\\s+år|next\\s+year)(?![\\p{L}\\p{N}])',
);

const HAS_DIGIT = /\d/;
const HAS_KEYWORD = /(?<!\p{L})(?:jan|feb|mar|apr|ma[ijy]|jun|jul|aug|sep|o[ck]t|nov|de[cs]|fjor|år|year)/iu;
const CAPITALISED_WORD_NEXT = /^\s+\p{Lu}/u;

/** Candidates compete for overlapping text: higher rank wins, then the longer phrase. */
interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly rank: number;
  readonly text: string;
  /** undefined: impossible or unresolvable. It still claims its text, so "31. februar 2018" can't fall back to "februar 2018". */
  readonly date: PartialDate | undefined;
}

const PRECISION_RANK = { year: 0, month: 1, day: 2 } as const;

/** The month a token names; undefined for the modal verb "may" (English writes the month "May"). */
function monthOf(token: string): number | undefined {
  if (token === 'may') return undefined;
  return MONTH_NUMBER[token.toLowerCase().replace(/\.$/, '')];
}

const isTitlecase = (word: string) => word !== word.toLowerCase() && word.slice(1) === word.slice(1).toLowerCase();

/**
 * The year for a month mentioned without one: of the article's year and its neighbours, the one
 * that puts the month nearest the article's month ("i januar" written in December is next
 * January); ties keep the article's year. An article with only a year gives that year.
 */
function yearFor(month: number, article: PartialDate | undefined): number | undefined {
  if (article === undefined) return undefined;
  if (article.month === undefined) return article.year;
  const articleMonths = article.year * 12 + article.month;
  const distance = (year: number) => Math.abs(year * 12 + month - articleMonths);
  let best = article.year;
  for (const year of [article.year - 1, article.year + 1]) if (distance(year) < distance(best)) best = year;
  return best;
}

function dateOf(year: number | undefined, month?: number, day?: number): PartialDate | undefined {
  if (year === undefined || year < MIN_YEAR || year > MAX_YEAR) return undefined;
  const date: PartialDate = { year, ...(month !== undefined ? { month } : {}), ...(day !== undefined ? { day } : {}) };
  return isValidPartialDate(date) ? date : undefined;
}

/** All event-date mentions in a sentence, left to right. articleDate undefined = undated article. */
export function findEventDates(sentence: string, articleDate: PartialDate | undefined): EventDateMention[] {
  const hasDigit = HAS_DIGIT.test(sentence);
  const hasKeyword = HAS_KEYWORD.test(sentence);
  if (!hasDigit && !hasKeyword) return [];

  const candidates: Candidate[] = [];
  const scan = (pattern: RegExp, read: (m: RegExpExecArray) => void) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(sentence); m !== null; m = pattern.exec(sentence)) read(m);
  };
  const add = (m: RegExpExecArray, precision: keyof typeof PRECISION_RANK, explicitYear: boolean, date: PartialDate | undefined) => {
    const rank = PRECISION_RANK[precision] * 2 + (explicitYear ? 1 : 0);
    candidates.push({ start: m.index, end: m.index + m[0].length, rank, text: m[0], date });
  };
  const withMonth = (monthToken: string, yearText: string | undefined, day: number | undefined, m: RegExpExecArray) => {
    const month = monthOf(monthToken);
    if (month === undefined) return;
    const year = yearText !== undefined ? Number(yearText) : yearFor(month, articleDate);
    add(m, day !== undefined ? 'day' : 'month', yearText !== undefined, dateOf(year, month, day));
  };

  if (hasDigit) {
    scan(ISO_DATE, (m) => add(m, 'day', true, dateOf(Number(m[1]), Number(m[2]), Number(m[3]))));
    scan(NUMERIC_DATE, (m) => add(m, 'day', true, dateOf(Number(m[3]), Number(m[2]), Number(m[1]))));
    scan(PHRASE_YEAR, (m) => add(m, 'year', true, dateOf(Number(m[1]))));
  }
  if (hasKeyword) {
    if (hasDigit) {
      scan(DAY_MONTH, (m) => withMonth(m[2]!, m[3], Number(m[1]), m));
      scan(MONTH_DAY, (m) => withMonth(m[1]!, m[3], Number(m[2]), m));
      scan(MONTH_YEAR, (m) => withMonth(m[1]!, m[2], undefined, m));
    }
    scan(PHRASE_MONTH, (m) => {
      const scandinavian = m[1] !== undefined;
      const token = (scandinavian ? m[1] : m[2])!;
      if (isTitlecase(token) && NAME_LIKE.has(token.toLowerCase())) {
        // Danish and Norwegian write months in lower case, so "til August" is a person; in
        // English a following capitalised word makes it a name too ("by August Strindberg").
        if (scandinavian) return;
        if (CAPITALISED_WORD_NEXT.test(sentence.slice(m.index + m[0].length))) return;
      }
      withMonth(token, undefined, undefined, m);
    });
    scan(RELATIVE, (m) => {
      const offset = RELATIVE_YEAR[m[0].toLowerCase().replace(/\s+/g, ' ')] ?? 0;
      add(m, 'year', false, articleDate === undefined ? undefined : dateOf(articleDate.year + offset));
    });
  }
  if (candidates.length === 0) return [];

  // Where candidates overlap ("i november 2018" is both "i november" and "november 2018"),
  // the most precise one wins, then an explicit year, then the longer phrase.
  candidates.sort((a, b) => b.rank - a.rank || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  const mentions: EventDateMention[] = [];
  for (const { start, end, text, date } of kept) {
    if (date !== undefined) mentions.push({ date, start, end, text });
  }
  return mentions;
}

/** The one to show: the most precise mention; ties go to the first. undefined when none. */
export function pickEventDate(mentions: readonly EventDateMention[]): PartialDate | undefined {
  let best: PartialDate | undefined;
  for (const { date } of mentions) {
    if (best === undefined || PRECISION_RANK[precisionOf(date)] > PRECISION_RANK[precisionOf(best)]) best = date;
  }
  return best;
}
