// Counts the handlers still working, so stop() can let them finish before it resolves.
import { setTimeout as delay } from 'node:timers/promises';

export interface InFlight {
  /** Runs `work` and keeps it counted until it settles. */
  track<T>(work: () => Promise<T>): Promise<T>;
  readonly size: number;
  /** Resolves when nothing is running any more, or after `timeoutMs` (then false). */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      const promise = work();
      running.add(promise);
      const forget = () => running.delete(promise);
      promise.then(forget, forget);
      return promise;
    },
    get size() {
      return running.size;
    },
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      // Work started while draining (a request already on an open connection) is waited for too.
      while (running.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        const timer = new AbortController();
        await Promise.race([Promise.allSettled([...running]), delay(left, undefined, { signal: timer.signal }).catch(() => undefined)]);
        timer.abort();
      }
      return true;
    },
  };
}
