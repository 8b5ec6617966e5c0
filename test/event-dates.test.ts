import { describe, expect, it } from 'vitest';
import { formatPartialDate, type PartialDate } from '../src/core/dates.ts';
import { findEventDates, pickEventDate, type EventDateMention } from '../src/events/event-dates.ts';

const article = (year: number, month?: number, day?: number): PartialDate => ({
  year,
  ...(month !== undefined ? { month } : {}),
  ...(day !== undefined ? { day } : {}),
});

/** Formatted dates of all mentions, checking each mention's offsets on the way. */
function dates(sentence: string, articleDate: PartialDate | undefined): string[] {
  const mentions = findEventDates(sentence, articleDate);
  for (const m of mentions) expect(sentence.slice(m.start, m.end)).toBe(m.text);
  return mentions.map((m) => formatPartialDate(m.date));
}

function only(sentence: string, articleDate: PartialDate | undefined): EventDateMention {
  const mentions = findEventDates(sentence, articleDate);
  expect(mentions).toHaveLength(1);
  const m = mentions[0]!;
  expect(sentence.slice(m.start, m.end)).toBe(m.text);
  return m;
}

const DEC_2018 = article(2018, 12);
const MAY_2017 = article(2017, 5);

describe('corpus sentences', () => {
  it('Danish "i november" in an article of 2018-12 is 2018-11', () => {
    const s =
      'Beskeden kommer, efter Trump aflyste et planlagt møde med Putin i november, der skulle have fundet sted ved G20-topmødet i Argentina.';
    const m = only(s, DEC_2018);
    expect(m.date).toEqual({ year: 2018, month: 11 });
    expect(m.text).toBe('i november');
    expect(m.start).toBe(s.indexOf('i november'));
  });

  it('Danish full date with explicit year', () => {
    const s = 'Der var sød musik mellem Putin og Assad, da de mødtes i Sochi i Rusland 17. maj 2018.';
    const m = only(s, DEC_2018);
    expect(m.date).toEqual({ year: 2018, month: 5, day: 17 });
    expect(m.text).toBe('17. maj 2018');
  });

  it('Norwegian "i juli" in an article of 2017-05 is 2017-07', () => {
    const s =
      'Sky News melder samtidig at de to også skal ha blitt enige om å prøve å møtes ansikt til ansikt for første gang i Tyskland i forbindelse med G20-møtet i Hamburg i juli.';
    const m = only(s, MAY_2017);
    expect(m.date).toEqual({ year: 2017, month: 7 });
    expect(m.text).toBe('i juli');
  });

  it('Norwegian "i juni" in an undated article gives nothing', () => {
    const s =
      'Men han sa at Russland er villig til å akseptere ethvert forlsag om et toppmøte mellom presidentene Putin og Trump i forbindelse med G20-møtet i Japan i juni.';
    expect(findEventDates(s, undefined)).toEqual([]);
  });

  it('a count of troops is not a year', () => {
    const s =
      'Det sker, efter Trump kort før jul meddelte, at han ville trække over 2000 amerikanske tropper ud af det krigshærgede land.';
    expect(findEventDates(s, DEC_2018)).toEqual([]);
  });

  it('Danish "i 2014" is a year', () => {
    const s = 'Rusland annekterede Krim fra Ukraine i 2014, og i det østlige Ukraine er kampe ...';
    const m = only(s, article(2021, 4));
    expect(m.date).toEqual({ year: 2014 });
    expect(m.text).toBe('i 2014');
  });
});

describe('full dates (day precision)', () => {
  const cases: [string, string][] = [
    ['Mødet fandt sted 17. maj 2018 i Sochi.', '17. maj 2018'],
    ['Mødet fandt sted 17 maj 2018 i Sochi.', '17 maj 2018'],
    ['Mødet fandt sted den 17. maj 2018 i Sochi.', '17. maj 2018'],
    ['Møtet fant sted 17. mai 2018 i Sotsji.', '17. mai 2018'],
    ['The meeting took place on May 17, 2018 in Sochi.', 'May 17, 2018'],
    ['The meeting took place on 17 May 2018 in Sochi.', '17 May 2018'],
    ['The meeting took place on the 17th of May 2018.', '17th of May 2018'],
    ['Mødet (2018-05-17) blev aflyst.', '2018-05-17'],
    ['Mødet den 17.05.2018 blev aflyst.', '17.05.2018'],
    ['Mødet den 17.5.2018 blev aflyst.', '17.5.2018'],
    ['Aftalen blev underskrevet 17. des. 2018.', '17. des. 2018'],
    ['The deal was signed Dec. 17, 2018.', 'Dec. 17, 2018'],
    ['Aftalen trådte i kraft 1. sept. 2018.', '1. sept. 2018'],
  ];
  it.each(cases)('%s', (sentence, text) => {
    const m = only(sentence, DEC_2018);
    expect(m.text).toBe(text);
    expect(m.date).toEqual(
      text.includes('des') || text.includes('Dec')
        ? { year: 2018, month: 12, day: 17 }
        : text.includes('sept')
          ? { year: 2018, month: 9, day: 1 }
          : { year: 2018, month: 5, day: 17 },
    );
  });

  it('an explicit year wins over the article date', () => {
    expect(dates('Det skete 17. maj 2018.', DEC_2018)).toEqual(['2018-05-17']);
    expect(dates('Det skete 17. maj 2018.', undefined)).toEqual(['2018-05-17']);
    expect(dates('Det skete 3. januar 2010.', article(2020, 12))).toEqual(['2010-01-03']);
  });

  it('rejects impossible dates without falling back to a coarser reading', () => {
    expect(findEventDates('Det skete 31. februar 2018.', DEC_2018)).toEqual([]);
    expect(findEventDates('Det skete 30.02.2018.', DEC_2018)).toEqual([]);
    expect(findEventDates('Det skete 12.13.2018.', DEC_2018)).toEqual([]);
    expect(findEventDates('Det skete 2018-13-01.', DEC_2018)).toEqual([]);
    expect(findEventDates('It happened on February 30, 2018.', DEC_2018)).toEqual([]);
    expect(dates('Det skete 29. februar 2016.', DEC_2018)).toEqual(['2016-02-29']);
    expect(findEventDates('Det skete 29. februar 2018.', DEC_2018)).toEqual([]);
  });
});

describe('day and month without a year', () => {
  it('takes the year from the article', () => {
    expect(only('Topmødet begynder 3. april.', MAY_2017).date).toEqual({ year: 2017, month: 4, day: 3 });
    expect(only('Topmødet begynder den 3. april.', MAY_2017).text).toBe('3. april');
    expect(only('The summit starts April 3.', MAY_2017).date).toEqual({ year: 2017, month: 4, day: 3 });
    expect(only('The summit starts April 3rd in Rome.', MAY_2017).text).toBe('April 3rd');
    expect(only('Toppmøtet starter 3. april.', article(2017)).date).toEqual({ year: 2017, month: 4, day: 3 });
  });

  it('crosses the year boundary towards the nearest month', () => {
    expect(dates('Valget holdes 5. januar.', DEC_2018)).toEqual(['2019-01-05']);
    expect(dates('Valget blev holdt 30. december.', article(2019, 1, 4))).toEqual(['2018-12-30']);
  });

  it('gives nothing in an undated article', () => {
    expect(findEventDates('Topmødet begynder 3. april.', undefined)).toEqual([]);
    expect(findEventDates('The summit starts April 3.', undefined)).toEqual([]);
  });

  it('rejects a day that does not exist in the resolved year', () => {
    expect(findEventDates('Det sker 29. februar.', article(2018, 2))).toEqual([]);
    expect(dates('Det sker 29. februar.', article(2016, 2))).toEqual(['2016-02-29']);
  });
});

describe('month and year', () => {
  it('gives month precision', () => {
    expect(only('Aftalen fra maj 2018 holder.', DEC_2018)).toMatchObject({ date: { year: 2018, month: 5 }, text: 'maj 2018' });
    expect(only('Det skete i november 2018.', article(2020, 1))).toMatchObject({
      date: { year: 2018, month: 11 },
      text: 'november 2018',
    });
    expect(only('It happened in May 2018.', undefined)).toMatchObject({ date: { year: 2018, month: 5 }, text: 'May 2018' });
    expect(only('Det skjedde i desember 2016.', undefined).date).toEqual({ year: 2016, month: 12 });
    expect(only('Det skete i okt. 2016.', undefined).date).toEqual({ year: 2016, month: 10 });
  });
});

describe('month after a preposition or time phrase', () => {
  const cases: [string, string, PartialDate, PartialDate][] = [
    ['De mødes i juli.', 'i juli', MAY_2017, { year: 2017, month: 7 }],
    ['De mødtes i november.', 'i november', DEC_2018, { year: 2018, month: 11 }],
    ['They meet in July.', 'in July', MAY_2017, { year: 2017, month: 7 }],
    ['Han har siddet fængslet siden marts.', 'siden marts', MAY_2017, { year: 2017, month: 3 }],
    ['Loven gælder fra juni.', 'fra juni', MAY_2017, { year: 2017, month: 6 }],
    ['Loven gælder til juni.', 'til juni', MAY_2017, { year: 2017, month: 6 }],
    ['Det skete i slutningen af november.', 'i slutningen af november', DEC_2018, { year: 2018, month: 11 }],
    ['Det skjedde i slutten av november.', 'i slutten av november', DEC_2018, { year: 2018, month: 11 }],
    ['Det sker i begyndelsen af maj.', 'i begyndelsen af maj', MAY_2017, { year: 2017, month: 5 }],
    ['Det skjer i starten av mai.', 'i starten av mai', MAY_2017, { year: 2017, month: 5 }],
    ['Valget holdes midten af juni.', 'midten af juni', MAY_2017, { year: 2017, month: 6 }],
    ['A deal is expected by July.', 'by July', MAY_2017, { year: 2017, month: 7 }],
    ['The talks continue until June.', 'until June', MAY_2017, { year: 2017, month: 6 }],
    ['He has been held since March.', 'since March', MAY_2017, { year: 2017, month: 3 }],
    ['The vote is due in mid-June.', 'in mid-June', MAY_2017, { year: 2017, month: 6 }],
    ['The vote is due at the end of June.', 'at the end of June', MAY_2017, { year: 2017, month: 6 }],
    ['I november mødtes de.', 'I november', DEC_2018, { year: 2018, month: 11 }],
  ];
  it.each(cases)('%s', (sentence, text, articleDate, expected) => {
    const m = only(sentence, articleDate);
    expect(m.text).toBe(text);
    expect(m.date).toEqual(expected);
  });

  it('resolves to the month nearest the article month', () => {
    expect(dates('Det sker i januar.', DEC_2018)).toEqual(['2019-01']);
    expect(dates('Det skete i december.', article(2019, 1))).toEqual(['2018-12']);
    // Six months either way: the article year wins the tie.
    expect(dates('Det sker i november.', MAY_2017)).toEqual(['2017-11']);
    expect(dates('Det skete i november.', article(2017, 5, 20))).toEqual(['2017-11']);
  });

  it('uses the year of an article dated by year only', () => {
    expect(dates('Det skete i juli.', article(2015))).toEqual(['2015-07']);
  });

  it('gives nothing in an undated article', () => {
    expect(findEventDates('De mødes i juli.', undefined)).toEqual([]);
    expect(findEventDates('They meet in July.', undefined)).toEqual([]);
  });

  it('does not take a month with no preposition', () => {
    expect(findEventDates('Juli var varm.', DEC_2018)).toEqual([]);
    expect(findEventDates('Han talte om november som en svær måned.', DEC_2018)).toEqual([]);
  });

  it('finds several mentions, left to right', () => {
    const s = 'Forhandlingerne løb fra juni til november.';
    const mentions = findEventDates(s, DEC_2018);
    expect(mentions.map((m) => m.text)).toEqual(['fra juni', 'til november']);
    expect(mentions.map((m) => formatPartialDate(m.date))).toEqual(['2018-06', '2018-11']);
    for (const m of mentions) expect(s.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('names that look like months', () => {
  it('a capitalised August, May or Mai standing alone is a person', () => {
    expect(findEventDates('Direktør August Hansen sagde i går, at han trækker sig.', DEC_2018)).toEqual([]);
    expect(findEventDates('Prime Minister Theresa May said the deal was dead.', DEC_2018)).toEqual([]);
    expect(findEventDates('Mai Britt fortalte om sin barndom.', DEC_2018)).toEqual([]);
    expect(findEventDates('Ifølge Mai er det slut.', DEC_2018)).toEqual([]);
  });

  it('a capitalised name after a Danish or Norwegian preposition is still a person', () => {
    expect(findEventDates('Hun sendte brevet til August.', DEC_2018)).toEqual([]);
    expect(findEventDates('Han fik en gave fra Mai.', DEC_2018)).toEqual([]);
    expect(findEventDates('Sonden er på vej til Mars.', DEC_2018)).toEqual([]);
  });

  it('an English name followed by a surname is a person', () => {
    expect(findEventDates('It is a play by August Strindberg.', DEC_2018)).toEqual([]);
  });

  it('a capitalised month with a preposition, day or year is a month', () => {
    expect(dates('The talks resume in August.', MAY_2017)).toEqual(['2017-08']);
    expect(dates('The vote was held in May.', MAY_2017)).toEqual(['2017-05']);
    expect(dates('It happened on 4 August 2014.', undefined)).toEqual(['2014-08-04']);
    expect(dates('Det skete i august.', MAY_2017)).toEqual(['2017-08']);
  });

  it('the modal verb "may" is not a month', () => {
    expect(findEventDates('I may be wrong, but 17 may come.', MAY_2017)).toEqual([]);
    expect(findEventDates('Prices in may rise.', MAY_2017)).toEqual([]);
  });
});

describe('year after a preposition', () => {
  const cases: [string, string, number][] = [
    ['Krim blev annekteret i 2014.', 'i 2014', 2014],
    ['Crimea was annexed in 2014.', 'in 2014', 2014],
    ['Han har været fængslet siden 2014.', 'siden 2014', 2014],
    ['Loven gælder fra 2016.', 'fra 2016', 2016],
    ['Udledningen skal halveres inden 2030.', 'inden 2030', 2030],
    ['Emissions must halve by 2030.', 'by 2030', 2030],
    ['Det skete i slutningen af 2018.', 'i slutningen af 2018', 2018],
    ['It happened in early 2018.', 'in early 2018', 2018],
  ];
  it.each(cases)('%s', (sentence, text, year) => {
    const m = only(sentence, undefined);
    expect(m.text).toBe(text);
    expect(m.date).toEqual({ year });
  });

  it('a bare number is not a year', () => {
    expect(findEventDates('Over 2000 soldater blev sendt hjem.', DEC_2018)).toEqual([]);
    expect(findEventDates('40.000 soldater står ved grænsen.', DEC_2018)).toEqual([]);
    expect(findEventDates('Han fik 2018 stemmer.', DEC_2018)).toEqual([]);
  });

  it('a number after a preposition that is a count, a decade or part of a bigger number is not a year', () => {
    expect(findEventDates('Det gælder for i 40.000 tilfælde.', DEC_2018)).toEqual([]);
    expect(findEventDates('Prisen steg fra 2000 kr til 3000 kr.', DEC_2018)).toEqual([]);
    expect(findEventDates('Byen blev grundlagt i 1500-tallet.', DEC_2018)).toEqual([]);
    expect(findEventDates('Musikken i 1990’erne var bedre.', DEC_2018)).toEqual([]);
    expect(findEventDates('Rates rose in 1990s Britain.', DEC_2018)).toEqual([]);
    expect(findEventDates('Det varer i 5000 år.', DEC_2018)).toEqual([]);
    expect(findEventDates('Det skete i 20145.', DEC_2018)).toEqual([]);
    expect(findEventDates('Det kostede i 2014,5 mio.', DEC_2018)).toEqual([]);
  });

  it('finds a range as two years', () => {
    expect(dates('Han var minister fra 2016 til 2018.', undefined)).toEqual(['2016', '2018']);
  });
});

describe('relative years', () => {
  const cases: [string, string, number][] = [
    ['Valget blev holdt i fjor.', 'i fjor', 2017],
    ['Valget blev holdt sidste år.', 'sidste år', 2017],
    ['The election was held last year.', 'last year', 2017],
    ['Valget holdes i år.', 'i år', 2018],
    ['The election is this year.', 'this year', 2018],
    ['Valget holdes næste år.', 'næste år', 2019],
    ['Valget holdes neste år.', 'neste år', 2019],
    ['The election is next year.', 'next year', 2019],
  ];
  it.each(cases)('%s', (sentence, text, year) => {
    const m = only(sentence, DEC_2018);
    expect(m.text).toBe(text);
    expect(m.date).toEqual({ year });
  });

  it('works with an article dated by year only', () => {
    expect(dates('Valget blev holdt i fjor.', article(2010))).toEqual(['2009']);
  });

  it('needs an article date', () => {
    expect(findEventDates('Valget blev holdt i fjor.', undefined)).toEqual([]);
    expect(findEventDates('The election is next year.', undefined)).toEqual([]);
  });

  it('does not take spans of years or words that merely start alike', () => {
    expect(findEventDates('Det er sket mange gange de sidste år.', DEC_2018)).toEqual([]);
    expect(findEventDates('Prices rose over the last year.', DEC_2018)).toEqual([]);
    expect(findEventDates('Han boede ved en fjord i årevis.', DEC_2018)).toEqual([]);
    expect(findEventDates('Det står i årets budget.', DEC_2018)).toEqual([]);
  });
});

describe('overlapping readings', () => {
  it('prefers the day over the month in "in May 17, 2018"', () => {
    expect(only('It happened in May 17, 2018.', undefined)).toMatchObject({ text: 'May 17, 2018' });
  });

  it('prefers the explicit year in "i november 2018" even for an undated article', () => {
    expect(only('Det skete i november 2018.', undefined).date).toEqual({ year: 2018, month: 11 });
  });

  it('keeps a full date whole instead of splitting off its year', () => {
    expect(dates('Siden 17. maj 2018 har de ikke talt sammen.', DEC_2018)).toEqual(['2018-05-17']);
  });
});

describe('boundaries and the quick exit', () => {
  it('does not match inside words or numbers', () => {
    expect(findEventDates('Topmødet G20-topmødet samlede mange.', DEC_2018)).toEqual([]);
    expect(findEventDates('Majestæten og julemanden mødtes.', DEC_2018)).toEqual([]);
    expect(findEventDates('Han mødte Augustin i Marseille.', DEC_2018)).toEqual([]);
    expect(findEventDates('Version 117.05.2018 er ude.', DEC_2018)).toEqual([]);
    expect(findEventDates('Koden er X17. maj.', DEC_2018)).toEqual([]);
    expect(findEventDates('Vi bor i junibyen.', DEC_2018)).toEqual([]);
    expect(findEventDates('It is 3 of May’s ministers.', DEC_2018)).toEqual([]);
  });

  it('returns [] for sentences without digits or keywords', () => {
    expect(findEventDates('Putin og Trump mødtes i Helsinki.', DEC_2018)).toEqual([]);
    expect(findEventDates('', DEC_2018)).toEqual([]);
  });

  it('gives the same answer on repeated calls (no regex state leaks)', () => {
    const s = 'Fra juni til november 2018 og igen i 2019.';
    const first = findEventDates(s, DEC_2018);
    expect(findEventDates(s, DEC_2018)).toEqual(first);
    expect(first.map((m) => formatPartialDate(m.date))).toEqual(['2018-06', '2018-11', '2019']);
  });
});

describe('pickEventDate', () => {
  it('picks the most precise mention, ties going to the first', () => {
    const s = 'I 2014 begyndte det, i november skete det igen, og 3. december 2018 sluttede det.';
    const mentions = findEventDates(s, DEC_2018);
    expect(mentions.map((m) => formatPartialDate(m.date))).toEqual(['2014', '2018-11', '2018-12-03']);
    expect(pickEventDate(mentions)).toEqual({ year: 2018, month: 12, day: 3 });
    expect(pickEventDate(findEventDates('Fra juni til november.', DEC_2018))).toEqual({ year: 2018, month: 6 });
    expect(pickEventDate(findEventDates('Fra 2016 til juni.', DEC_2018))).toEqual({ year: 2018, month: 6 });
  });

  it('is undefined without mentions', () => {
    expect(pickEventDate([])).toBeUndefined();
  });
});
