// Golden answers on the bundled corpus, written by hand from reading the five articles:
//   000 (2018-12, da): Trump cancelled a planned meeting with Putin in November at the G20 in Argentina.
//   001 (undated, no): Putin offers Trump meetings; an earlier Trump–Putin call.
//   002 (2017-05, no, VG): Trump–Putin phone call; the two to meet at the G20 in Hamburg in July.
//   003 (undated, no): Pompeo met Putin in Sotsji; a possible Putin–Trump summit at the G20 in Japan in June.
//   004 (2021-04, da): Biden proposed a summit with Putin in a phone call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../commands/index.ts';
import { dispatchLine } from '../src/command/dispatch.ts';
import type { Reply } from '../src/core/types.ts';
import { silentLogger } from '../src/logging.ts';
import { corpusArchive, type TestArchive } from './support/archive.ts';

let fixture: TestArchive;
const FIXED_NOW = new Date('2026-11-24T09:00:00Z');

async function ask(line: string): Promise<Reply> {
  return dispatchLine(
    registry,
    line,
    {
      archive: fixture.archive,
      clock: { now: () => FIXED_NOW },
      timeZone: 'Europe/Copenhagen',
      logger: silentLogger,
      caller: { platform: 'console' },
      pageSize: 10,
    },
    'search',
  );
}

const highlighted = (item: Reply['items'][number]) => item.highlights.map(([s, e]) => item.excerpt.slice(s, e));

beforeAll(async () => {
  fixture = await corpusArchive();
});
afterAll(() => fixture.cleanup());

describe('/summit putin trump', () => {
  it('lists the four Putin–Trump articles in date order, undated last, and not the Biden article', async () => {
    const reply = await ask('/summit putin trump');
    expect(reply.kind).toBe('results');
    expect(reply.total).toBe(4);
    expect(reply.items.map((item) => item.origin)).toEqual([
      '002_e2091f94b05efd33.txt',
      '000_681da5c3c7cb2603.txt',
      expect.stringMatching(/^00[13]_/),
      expect.stringMatching(/^00[13]_/),
    ]);
    expect(new Set(reply.items.slice(2).map((item) => item.origin))).toEqual(new Set(['001_d8e3467ada999945.txt', '003_3586eb60af678157.txt']));
    expect(reply.items.map((item) => item.date)).toEqual(['2017-05', '2018-12', 'undated', 'undated']);
    expect(reply.items.map((item) => item.datePrecision)).toEqual(['month', 'month', 'none', 'none']);
  });

  it('quotes the Hamburg G20 sentence for 2017-05, with July 2017 as the event date', async () => {
    const [item] = (await ask('/summit putin trump')).items;
    expect(item!.excerpt).toContain('G20-møtet i Hamburg i juli');
    expect(item!.eventDate).toBe('2017-07');
    expect(item!.source).toBe('VG');
  });

  it('quotes the cancelled meeting for 2018-12, with November 2018 as the event date', async () => {
    const item = (await ask('/summit putin trump')).items[1]!;
    expect(item.excerpt).toContain('Trump aflyste et planlagt møde med Putin i november');
    expect(item.eventDate).toBe('2018-11');
    expect(highlighted(item)).toEqual(expect.arrayContaining(['Trump', 'Putin', 'møde']));
  });

  it('never quotes the "gå nogen i møde" idiom as a meeting', async () => {
    const reply = await ask('/summit putin trump');
    for (const item of reply.items) expect(item.excerpt).not.toContain('går Putin så Trump i møde');
  });

  it('quotes a Putin–Trump sentence from each undated article', async () => {
    const items = (await ask('/summit putin trump')).items.slice(2);
    const byOrigin = new Map(items.map((item) => [item.origin, item]));
    expect(byOrigin.get('003_3586eb60af678157.txt')!.excerpt).toMatch(/toppmøte mellom presidentene Putin og Trump|nytt møte mellom presidentene Putin og Trump/);
    expect(byOrigin.get('001_d8e3467ada999945.txt')!.excerpt).toMatch(/møte med tidligere USAs president Donald Trump|samtale mellom Trump og Putin/);
    for (const item of items) expect(item.eventDate).toBeNull();
  });

  it('finds the same with genitives, capitals and the other order', async () => {
    const reply = await ask('/summit Trumps PUTIN');
    expect(reply.items.map((item) => item.origin).sort()).toEqual(
      ['000_681da5c3c7cb2603.txt', '001_d8e3467ada999945.txt', '002_e2091f94b05efd33.txt', '003_3586eb60af678157.txt'],
    );
  });
});

describe('/summit biden putin', () => {
  it('lists only the 2021-04 article, quoting the proposed summit', async () => {
    const reply = await ask('/summit biden putin');
    expect(reply.items.map((item) => item.origin)).toEqual(['004_0414b4989c13cfe9.txt']);
    expect(reply.items[0]!.date).toBe('2021-04');
    expect(reply.items[0]!.excerpt).toMatch(/telefonsamtale|topmøde/);
  });
});

describe('/summit edge cases', () => {
  it('says so when a name is not in the archive', async () => {
    const reply = await ask('/summit putin merkel');
    expect(reply.kind).toBe('info');
    expect(reply.text).toContain('merkel');
  });

  it('does not count "de to" for a single name (Zelenskij is named, but meets no one)', async () => {
    const reply = await ask('/summit zelensky');
    expect(reply.total).toBe(0);
    expect(reply.title).toMatch(/No meetings/);
  });

  it('finds Putin meeting Pompeo in Sotsji (undated)', async () => {
    const reply = await ask('/summit putin pompeo');
    expect(reply.items.map((item) => item.origin)).toEqual(['003_3586eb60af678157.txt']);
    expect(reply.items[0]!.excerpt).toMatch(/Pompeo/);
  });

  it('asks for names when given none', async () => {
    expect((await ask('/summit')).kind).toBe('error');
    expect((await ask('/summit og i')).kind).toBe('error');
  });
});

describe('/search', () => {
  it('finds the Danish topmøde and the Norwegian toppmøte from either spelling', async () => {
    for (const query of ['/search topmøde', '/search toppmøte']) {
      const origins = (await ask(query)).items.map((item) => item.origin);
      expect(origins).toEqual(expect.arrayContaining(['000_681da5c3c7cb2603.txt', '003_3586eb60af678157.txt', '004_0414b4989c13cfe9.txt']));
    }
  });

  it('matches transliterations through the alias table', async () => {
    for (const spelling of ['Zelensky', 'Zelenskyj', 'zelenskij']) {
      const origins = (await ask(`/search ${spelling}`)).items.map((item) => item.origin).sort();
      expect(origins).toEqual(['003_3586eb60af678157.txt', '004_0414b4989c13cfe9.txt']);
    }
  });

  it('filters by date range and language', async () => {
    const dated = await ask('/search putin from:2018 to:2021-12');
    expect(dated.items.map((item) => item.date).sort()).toEqual(['2018-12', '2021-04']);
    const norwegian = await ask('/search putin lang:no');
    expect(norwegian.items.every((item) => item.language === 'no')).toBe(true);
    expect(norwegian.total).toBe(3);
  });

  it('does not stem Biden into "bid"', async () => {
    const reply = await ask('/search biden');
    expect(reply.items.map((item) => item.origin)).toEqual(['004_0414b4989c13cfe9.txt']);
  });

  it('never shows page boilerplate in an excerpt', async () => {
    for (const query of ['/search foto', '/search hopp innhold', '/search siste nytt', '/search kommentare', '/search x80003', '/search reuters']) {
      const reply = await ask(query);
      for (const item of reply.items) {
        expect(item.excerpt).not.toMatch(/Foto:|Hopp til innhold|SISTE NYTT|Kommentare \(|X80003|Quellen|OrtKursk/);
      }
    }
  });

  it('rejects a bad option by name', async () => {
    const reply = await ask('/search putin from:2018-13');
    expect(reply.kind).toBe('error');
    expect(reply.text).toContain('"from"');
    expect((await ask('/search putin lang:sv')).text).toContain('"lang"');
  });

  it('explains a stop-word-only query', async () => {
    const reply = await ask('/search og i det');
    expect(reply.kind).toBe('error');
    expect(reply.text).toMatch(/common words/);
  });
});

describe('/onthisday', () => {
  it('gives the 2018-12 article as "this month" on a December day', async () => {
    const reply = await ask('/onthisday 2025-12-05');
    expect(reply.items.map((item) => [item.origin, item.label])).toEqual([['000_681da5c3c7cb2603.txt', 'this month']]);
  });

  it('gives the Putin–Assad meeting of 17 May 2018 as an event "8 years ago today"', async () => {
    const reply = await ask('/onthisday 2026-05-17');
    const event = reply.items.find((item) => item.eventDate === '2018-05-17');
    expect(event?.label).toBe('8 years ago today');
    expect(event?.excerpt).toContain('17. maj 2018');
    // The 2017-05 article is month-precise: it comes after the day-precise event, as "this month".
    expect(reply.items.map((item) => item.label)).toEqual(['8 years ago today', 'this month']);
  });

  it('says clearly when a day is empty', async () => {
    const reply = await ask('/onthisday 2026-02-10');
    expect(reply.kind).toBe('info');
    expect(reply.text).toMatch(/Nothing in the archive/);
  });

  it('defaults to today in the configured time zone', async () => {
    expect((await ask('/onthisday')).title).toContain('24 November 2026');
  });

  it('refuses an impossible date', async () => {
    const reply = await ask('/onthisday 2025-02-30');
    expect(reply.kind).toBe('error');
    expect(reply.text).toContain('"date"');
  });
});

describe('/stats and /help', () => {
  it('counts by language and source, with the date range and undated articles', async () => {
    const reply = await ask('/stats');
    const fields = Object.fromEntries((reply.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields['Articles']).toBe('5');
    expect(fields['By language']).toBe('Norwegian 3, Danish 2');
    expect(fields['By source']).toContain('VG 1');
    expect(fields['Date range']).toBe('2017-05 – 2021-04');
    expect(fields['Undated']).toBe('2');
  });

  it('lists every command with an example, also for an unknown command', async () => {
    const help = await ask('/help');
    for (const name of ['summit', 'search', 'onthisday', 'stats']) expect(JSON.stringify(help.fields)).toContain(`/${name}`);
    const unknown = await ask('/frobnicate now');
    expect(unknown.title).toContain('Unknown command /frobnicate');
    expect(unknown.fields?.length).toBeGreaterThan(3);
  });
});
