// Unit tests for article text handling: the corpus file format, boilerplate removal, datelines,
// titles and excerpts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaults } from '../config/defaults.ts';
import { parseArticleFile } from '../src/ingest/article-file.ts';
import { buildExcerpt, MAX_EXCERPT } from '../src/search/excerpt.ts';
import { cleanParagraphs, compileBoilerplate } from '../src/text/boilerplate.ts';
import { findDateline } from '../src/text/dateline.ts';
import { deriveTitle } from '../src/text/title.ts';

const rules = compileBoilerplate(defaults.boilerplate);

describe('corpus file format', () => {
  it('reads a month or day marker and keeps its precision', () => {
    expect(parseArticleFile(' date 2018-12 Vladimir Putin har sendt', 'a.txt').document).toMatchObject({
      date: { year: 2018, month: 12 },
      text: 'Vladimir Putin har sendt',
    });
    expect(parseArticleFile(' date 2018-12-05 Tekst', 'a.txt').document.date).toEqual({ year: 2018, month: 12, day: 5 });
  });

  it('leaves a file without a marker undated', () => {
    const parsed = parseArticleFile('Putin tilbyr Trump møter', '001.txt').document;
    expect(parsed.date).toBeUndefined();
    expect(parsed.key).toBe('file:001.txt');
    expect(parsed.origin).toBe('001.txt');
  });

  it('stores an impossible marker date as undated, with a warning', () => {
    const parsed = parseArticleFile(' date 2018-13 Tekst', 'bad.txt');
    expect(parsed.document.date).toBeUndefined();
    expect(parsed.warnings[0]).toMatch(/bad\.txt.*2018-13/);
  });
});

describe('boilerplate', () => {
  it('drops navigation, credits, ids, counters, site labels and a repeated headline', () => {
    const text = [
      'Hopp til innhold',
      'Overskrift her',
      'Overskrift her',
      'X80003',
      'Foto: POOL / Reuters',
      'Brødtekst. Foto: Mikhail Klimentyev/AP',
      'SISTE NYTT',
      'Siste nytt',
      'Details\nOrtKursk, Russland\nQuellen',
      'Kommentare (0)',
    ].join('\n\n');
    expect(cleanParagraphs(text, rules)).toEqual(['Overskrift her', 'Brødtekst.']);
  });

  it('joins a paragraph the page layout cut after a function word', () => {
    expect(cleanParagraphs('I en fersk uttalelse har\n\nVladimir Putin signalisert sin vilje.', rules)).toEqual([
      'I en fersk uttalelse har Vladimir Putin signalisert sin vilje.',
    ]);
  });

  it('keeps a headline that has no full stop', () => {
    expect(cleanParagraphs('Tredje Putin-samtale\n\nBombeangrepet var et skifte.', rules)).toHaveLength(2);
  });
});

describe('datelines and titles', () => {
  it('finds the source in a dateline', () => {
    expect(findDateline('NEW YORK (VG) Det har vært en svært anstrengt tone')).toMatchObject({ place: 'NEW YORK', source: 'VG' });
    expect(findDateline('KØBENHAVN /ritzau/ Regeringen')).toMatchObject({ source: 'RITZAU' });
    expect(findDateline('USA og Russland snakker sammen')).toBeUndefined();
  });

  it('takes the headline, or the first sentence of a long lede', () => {
    expect(deriveTitle('Biden opfordrer Putin til at dæmpe konflikt med Ukraine')).toBe('Biden opfordrer Putin til at dæmpe konflikt med Ukraine');
    expect(
      deriveTitle('Vladimir Putin har sendt en række forsonende nytårshilsner til regeringsledere verden over. Blandt andre Donald Trump, Theresa May og Bashar al-Assad har modtaget post fra Kreml'),
    ).toBe('Vladimir Putin har sendt en række forsonende nytårshilsner til regeringsledere verden over');
  });
});

describe('excerpts', () => {
  const long = `${'Indledning med mange ord om ingenting særligt. '.repeat(8)}Trump aflyste et planlagt møde med Putin i november. ${'Efterskrift uden betydning. '.repeat(8)}`;
  const isName = (word: string) => word === 'Trump' || word === 'Putin';

  it('returns a short passage whole, with highlights on the matching words', () => {
    const { excerpt, highlights } = buildExcerpt('Trump mødte Putin.', isName);
    expect(excerpt).toBe('Trump mødte Putin.');
    expect(highlights.map(([s, e]) => excerpt.slice(s, e))).toEqual(['Trump', 'Putin']);
  });

  it('cuts a long passage to 300 characters at word boundaries around the matches', () => {
    const { excerpt, highlights } = buildExcerpt(long, isName);
    expect(excerpt.length).toBeLessThanOrEqual(MAX_EXCERPT);
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(highlights.map(([s, e]) => excerpt.slice(s, e))).toEqual(['Trump', 'Putin']);
    // Every cut falls between words.
    const inner = excerpt.slice(1, -1);
    expect(long).toContain(inner);
    expect(long[long.indexOf(inner) - 1]).toBe(' ');
  });

  it('keeps every property for any text: length, ranges inside, ranges on matching words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Putin', 'Trump', 'møde', 'og', 'a', 'langtordlangtord', '—', 'x'.repeat(40)), { maxLength: 120 }), (words) => {
        const text = words.join(' ');
        const { excerpt, highlights } = buildExcerpt(text, isName);
        expect(excerpt.length).toBeLessThanOrEqual(MAX_EXCERPT);
        for (const [start, end] of highlights) {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(excerpt.length);
          expect(isName(excerpt.slice(start, end))).toBe(true);
        }
      }),
    );
  });
});
