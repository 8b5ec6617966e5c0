// Remembers the Events API event ids already handled, so a retry (X-Slack-Retry-Num) of one we
// answered is acknowledged but not answered twice. Bounded: the oldest ids are forgotten first.

export interface SeenEvents {
  /** True the first time an id is offered, false for every repeat. */
  firstTime(eventId: string): boolean;
}

export function createSeenEvents(capacity = 1000): SeenEvents {
  const seen = new Set<string>();
  return {
    firstTime(eventId) {
      if (seen.has(eventId)) return false;
      seen.add(eventId);
      // A Set iterates in insertion order: the first entry is the oldest.
      if (seen.size > capacity) seen.delete(seen.values().next().value!);
      return true;
    },
  };
}
