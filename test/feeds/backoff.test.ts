import { describe, expect, it } from 'vitest';
import { failureNoticeDue, nextPollAt, nextPollDelayMinutes } from '../../src/feeds/backoff.ts';

describe('nextPollDelayMinutes', () => {
  it('is the interval after a success, and doubles with each failure in a row up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50, 5000].map((failures) => nextPollDelayMinutes(15, failures, 360))).toEqual([15, 30, 60, 120, 240, 360, 360, 360, 360]);
  });

  it('never polls more often than the interval, even when the cap is below it', () => {
    expect(nextPollDelayMinutes(720, 3, 360)).toBe(720);
  });

  it('gives an instant', () => {
    expect(nextPollAt(new Date('2026-03-10T12:00:00Z'), 15, 2, 360).toISOString()).toBe('2026-03-10T13:00:00.000Z');
  });
});

describe('failureNoticeDue', () => {
  it('is due once the failures reach the threshold, and only if not sent already', () => {
    expect([1, 2, 3, 4].map((failures) => failureNoticeDue(failures, 3, false))).toEqual([false, false, true, true]);
    expect(failureNoticeDue(4, 3, true)).toBe(false);
  });
});
