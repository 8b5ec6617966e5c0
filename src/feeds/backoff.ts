// The failure policy for a feed: when to poll again after a failure (exponential backoff from the
// feed's own interval, capped), and when the admin channel hears about it. Pure.

const MINUTE_MS = 60_000;

/**
 * Minutes until the next poll: the feed's interval when the last poll worked; after k failures
 * in a row, interval × 2^k, capped at maxBackoffMinutes (but never sooner than the interval).
 */
export function nextPollDelayMinutes(intervalMinutes: number, consecutiveFailures: number, maxBackoffMinutes: number): number {
  if (consecutiveFailures <= 0) return intervalMinutes;
  // 2^k overflows nothing below k = 1000, but the cap is reached long before; 30 keeps it exact.
  const backedOff = intervalMinutes * 2 ** Math.min(consecutiveFailures, 30);
  return Math.max(intervalMinutes, Math.min(maxBackoffMinutes, backedOff));
}

export function nextPollAt(now: Date, intervalMinutes: number, consecutiveFailures: number, maxBackoffMinutes: number): Date {
  return new Date(now.getTime() + nextPollDelayMinutes(intervalMinutes, consecutiveFailures, maxBackoffMinutes) * MINUTE_MS);
}

/** One notice per bad spell: when the failures reach the threshold and nobody was told yet. */
export function failureNoticeDue(consecutiveFailures: number, failureNoticeAfter: number, alreadyNoticed: boolean): boolean {
  return !alreadyNoticed && consecutiveFailures >= failureNoticeAfter;
}
