import { describe, expect, it } from 'vitest';
import { formatPartialDate } from '../../src/core/dates.ts';
import { parseFeedDate } from '../../src/ingest/feeds/feed-dates.ts';

/** [calendar day as written, instant in UTC or null when no time was given] */
function read(raw: string): [string, string | null] | undefined {
  const parsed = parseFeedDate(raw);
  if (!parsed) return undefined;
  return [formatPartialDate(parsed.date), parsed.hasTime ? parsed.instant.toISOString() : null];
}

describe('parseFeedDate: RFC 822', () => {
  it('keeps the calendar day as written in the item\'s own offset', () => {
    expect(read('Mon, 31 Dec 2018 23:30:00 -0500')).toEqual(['2018-12-31', '2019-01-01T04:30:00.000Z']);
    expect(read('Tue, 01 Jan 2019 00:30:00 +0100')).toEqual(['2019-01-01', '2018-12-31T23:30:00.000Z']);
  });

  it('reads GMT, UT, Z and named US and European zones', () => {
    expect(read('Mon, 31 Dec 2018 23:30:00 GMT')?.[1]).toBe('2018-12-31T23:30:00.000Z');
    expect(read('Mon, 31 Dec 2018 23:30:00 UT')?.[1]).toBe('2018-12-31T23:30:00.000Z');
    expect(read('Mon, 31 Dec 2018 23:30:00 Z')?.[1]).toBe('2018-12-31T23:30:00.000Z');
    expect(read('Mon, 31 Dec 2018 23:30:00 EST')).toEqual(['2018-12-31', '2019-01-01T04:30:00.000Z']);
    expect(read('Sun, 01 Jul 2018 12:00:00 PDT')?.[1]).toBe('2018-07-01T19:00:00.000Z');
    expect(read('Tue, 01 Jan 2019 00:30:00 CET')).toEqual(['2019-01-01', '2018-12-31T23:30:00.000Z']);
    expect(read('Sun, 01 Jul 2018 00:30:00 CEST')?.[1]).toBe('2018-06-30T22:30:00.000Z');
  });

  it('accepts a missing weekday, a missing comma, missing seconds and two-digit years', () => {
    expect(read('31 Dec 2018 23:30:00 -0500')?.[0]).toBe('2018-12-31');
    expect(read('Mon 31 Dec 2018 23:30 +0000')?.[1]).toBe('2018-12-31T23:30:00.000Z');
    expect(read('Mon, 31 Dec 18 23:30:00 +0000')?.[0]).toBe('2018-12-31');
    expect(read('Thu, 31 Dec 98 23:30:00 +0000')?.[0]).toBe('1998-12-31');
    expect(read('Mon, 1 Jan 2018 9:05:00 +0000')?.[1]).toBe('2018-01-01T09:05:00.000Z');
  });

  it('accepts "+01:00" style offsets and a trailing zone comment', () => {
    expect(read('Tue, 01 Jan 2019 00:30:00 +01:00')?.[1]).toBe('2018-12-31T23:30:00.000Z');
    expect(read('Tue, 01 Jan 2019 00:30:00 +0100 (CET)')?.[1]).toBe('2018-12-31T23:30:00.000Z');
  });

  it('accepts Danish and Norwegian month and weekday names', () => {
    expect(read('man, 31 okt. 2018 10:00:00 +0100')?.[0]).toBe('2018-10-31');
    expect(read('17 mai 2018')?.[0]).toBe('2018-05-17');
    expect(read('1 desember 2018')?.[0]).toBe('2018-12-01');
  });

  it('reads a date without a time as the day only', () => {
    expect(read('31 Dec 2018')).toEqual(['2018-12-31', null]);
  });

  it('reads an unknown zone name as UTC and says so', () => {
    const parsed = parseFeedDate('Mon, 31 Dec 2018 23:30:00 XYZ');
    expect(parsed?.zoneAssumed).toBe(true);
    expect(parsed?.instant.toISOString()).toBe('2018-12-31T23:30:00.000Z');
  });
});

describe('parseFeedDate: ISO 8601', () => {
  it('keeps the calendar day as written', () => {
    expect(read('2018-12-31T23:30:00-05:00')).toEqual(['2018-12-31', '2019-01-01T04:30:00.000Z']);
    expect(read('2019-01-01T00:30:00+01:00')).toEqual(['2019-01-01', '2018-12-31T23:30:00.000Z']);
    expect(read('2018-12-31T23:30:00Z')).toEqual(['2018-12-31', '2018-12-31T23:30:00.000Z']);
  });

  it('accepts fractions, a space for T, no seconds and "+0100"', () => {
    expect(read('2018-12-31T23:30:00.123456Z')?.[1]).toBe('2018-12-31T23:30:00.123Z');
    expect(read('2018-12-31 23:30+0100')?.[1]).toBe('2018-12-31T22:30:00.000Z');
  });

  it('reads a date without a time as the day only', () => {
    expect(read('2018-12-31')).toEqual(['2018-12-31', null]);
  });

  it('reads early years literally, not as 19xx', () => {
    expect(read('0050-06-01T00:00:00Z')?.[1]).toBe('0050-06-01T00:00:00.000Z');
  });
});

describe('parseFeedDate: unreadable', () => {
  it.each([
    '',
    'yesterday',
    '31/12/2018',
    '12/31/2018',
    '31.12.2018',
    '2018-02-30',
    '30 Feb 2018',
    '2018-13-01T00:00:00Z',
    'Mon, 31 Dec 2018 25:00:00 GMT',
    'Mon, 31 Foo 2018 10:00:00 GMT',
    '2018-12-31T10:00:00+25:00',
  ])('%j', (raw) => {
    expect(parseFeedDate(raw)).toBeUndefined();
  });
});
