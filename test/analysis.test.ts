// Unit tests for the analysis core: normalisation, tokens, names, compounds, stemming, query
// expansion, topics and idioms, language detection, sentences.
import { describe, expect, it } from 'vitest';
import { defaults } from '../config/defaults.ts';
import { createAnalyzer } from '../src/analysis/analyzer.ts';
import { detectLanguage } from '../src/analysis/language.ts';
import { foldToken, normalizeText } from '../src/analysis/normalize.ts';
import { splitSentences } from '../src/analysis/sentences.ts';
import { spellingVariants } from '../src/analysis/spelling.ts';
import { compoundParts, tokenize } from '../src/analysis/tokenize.ts';

const analyzer = createAnalyzer(defaults);
const noNames = () => false;

function termsOf(text: string, language: 'da' | 'no' | 'en' = 'da') {
  return analyzer.analyzeArticle({ paragraphs: [text], language }).passages.flatMap((p) => p.terms);
}

describe('normalisation', () => {
  it('folds case and Scandinavian spellings', () => {
    expect(foldToken('Ärlig')).toBe('ærlig');
    expect(foldToken('Bjöl')).toBe('bjøl');
    expect(foldToken('Aabenraa')).toBe('åbenrå');
  });

  it('applies NFC and drops control and zero-width characters', () => {
    expect(normalizeText('mo\u0308de\u0000\u200B')).toBe('möde');
  });
});

describe('tokenize', () => {
  it('keeps offsets and hyphenated compounds, drops the genitive apostrophe-s', () => {
    const tokens = tokenize("USA's G20-topmødet, Kim Jong-un.");
    expect(tokens.map((t) => t.text)).toEqual(['USA', 'G20-topmødet', 'Kim', 'Jong-un']);
    expect(tokens[1]).toMatchObject({ start: 6, end: 18 });
  });

  it('splits compounds into parts', () => {
    expect(compoundParts('G20-topmødet')).toEqual(['G20', 'topmødet']);
  });
});

describe('index terms', () => {
  it('indexes a hyphenated compound as its parts and as a whole', () => {
    const terms = termsOf('Mødet ved G20-topmødet i Argentina.');
    expect(terms).toEqual(expect.arrayContaining(['g20', 'topmød', 'g20topmød']));
  });

  it('strips the genitive s from names and acronyms', () => {
    const terms = termsOf('Han mødte Putin. Det er Putins plan og USAs.');
    expect(terms).toContain('putin');
    expect(terms).not.toContain('putins');
    expect(terms).toContain('usa');
  });

  it('does not stem proper nouns: Biden stays biden', () => {
    const terms = termsOf('Præsident Joe Biden talte. Biden ringede.');
    expect(terms).toContain('biden');
    expect(terms).not.toContain('bid');
  });

  it('stems ordinary words in the article language', () => {
    expect(termsOf('Møderne blev holdt.', 'da')).toContain('mød');
    expect(termsOf('Møtene ble holdt.', 'no')).toContain('møt');
  });

  it('leaves stop words out', () => {
    expect(termsOf('og i det at')).toEqual([]);
  });
});

describe('query expansion', () => {
  it('expands a word into both Scandinavian spellings and all stems', () => {
    const forms = analyzer.expandQueryWord('topmøde', noNames);
    expect(forms).toEqual(expect.arrayContaining(['topmød', 'toppmøt']));
  });

  it('expands aliases, unstemmed', () => {
    const forms = analyzer.expandQueryWord('Zelensky', noNames);
    expect(forms).toEqual(expect.arrayContaining(['zelenskij', 'zelenskyj', 'zelensky']));
  });

  it('keeps known names unstemmed', () => {
    expect(analyzer.expandQueryWord('Biden', (name) => name === 'biden')).toEqual(['biden']);
  });

  it('gives nothing for a stop word', () => {
    expect(analyzer.expandQueryWord('og', noNames)).toEqual([]);
  });
});

describe('spelling variants', () => {
  it.each([
    ['topmøde', 'toppmøte'],
    ['møde', 'møte'],
    ['mødtes', 'møttes'],
    ['vej', 'vei'],
    ['bog', 'bok'],
  ])('%s ↔ %s', (danish, norwegian) => {
    expect(spellingVariants(danish)).toContain(norwegian);
    expect(spellingVariants(norwegian)).toContain(danish);
  });
});

describe('topics and idioms', () => {
  const passage = (text: string, language: 'da' | 'no' = 'da') => analyzer.analyzeArticle({ paragraphs: [text], language }).passages[0]!;

  it('finds the meeting vocabulary in both languages', () => {
    expect(passage('Trump aflyste et planlagt møde med Putin.').topics).toHaveProperty('summit');
    expect(passage('De skal møtes i Hamburg.', 'no').topics).toHaveProperty('summit');
    expect(passage('Et toppmøte mellom presidentene.', 'no').topics.summit).toBe(3);
    expect(passage('I en telefonsamtale med Putin.').topics).toHaveProperty('summit');
  });

  it('does not count "gå nogen i møde" as a meeting', () => {
    expect(passage('Men nu går Putin så Trump i møde, for at sikre samarbejdet.').topics).toEqual({});
  });

  it('recognises "de to" and "begge" but not "de to lande"', () => {
    expect(passage('De to skal mødes i juli.').pairReference).toBe(true);
    expect(passage('Begge ledere var til stede.').pairReference).toBe(true);
    expect(passage('Samtaler mellem de to lande.').pairReference).toBe(false);
    expect(passage('Møtet mellom de to utenriksministerne.', 'no').pairReference).toBe(false);
  });

  it('resolves the event date against the article date', () => {
    const analysed = analyzer.analyzeArticle({
      paragraphs: ['Trump aflyste et planlagt møde med Putin i november.'],
      language: 'da',
      date: { year: 2018, month: 12 },
    });
    expect(analysed.passages[0]!.eventDate).toEqual({ year: 2018, month: 11 });
  });
});

describe('language detection', () => {
  it('tells Danish, Norwegian and English apart', () => {
    expect(detectLanguage('Det oplyser det russiske styre i Kreml ifølge The Guardian, efter mødet mellem dem.', 'en').language).toBe('da');
    expect(detectLanguage('Det har vært en svært anstrengt tone mellom dem etter at de ble enige om å møtes.', 'en').language).toBe('no');
    expect(detectLanguage('The two leaders said that they would meet at the summit.', 'da').language).toBe('en');
  });

  it('falls back when there is nothing to go on', () => {
    expect(detectLanguage('Putin Trump', 'da')).toEqual({ language: 'da', evidence: 0 });
  });
});

describe('sentences', () => {
  const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

  it('splits at sentence ends but not after abbreviations, initials or ordinals', () => {
    expect(sentences('Det skete i St. Petersburg 3. april. Få dager senere bombet de.')).toEqual([
      'Det skete i St. Petersburg 3. april.',
      'Få dager senere bombet de.',
    ]);
    expect(sentences('Han mødte bl.a. Putin. Vladimir V. Putin svarede.')).toEqual(['Han mødte bl.a. Putin.', 'Vladimir V. Putin svarede.']);
  });

  it('splits before quotes and dashes that open a sentence', () => {
    expect(sentences('Han sa det. – Vi ønsker ikke krig, sa Pompeo.')).toHaveLength(2);
  });
});
