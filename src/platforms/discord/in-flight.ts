// Keeps count of the handlers running, so stop() can wait for them (within a bound) before the
// connection closes, and so tests can wait until the adapter is idle.
import { setTimeout as sleep } from 'node:timers/promises';

export interface InFlight {
  /** Runs the task, tracked until it settles; an error that escapes it goes to `onError`. */
  run(task: () => Promise<void>): void;
  readonly size: number;
  /** Resolves when nothing is running (tasks started meanwhile are waited for too), or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(onError: (error: unknown) => void): InFlight {
  const running = new Set<Promise<void>>();
  return {
    run(task) {
      const promise: Promise<void> = Promise.resolve()
        .then(task)
        .catch((error: unknown) => {
          try {
            onError(error);
          } catch {
            // The net must not tear: a failing logger cannot make a rejection unhandled.
          }
        })
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    get size() {
      return running.size;
    },
    async drain(timeoutMs) {
      const controller = new AbortController();
      const timedOut = sleep(timeoutMs, true, { signal: controller.signal }).catch(() => false);
      try {
        while (running.size > 0) {
          const settled = await Promise.race([Promise.allSettled([...running]).then(() => false), timedOut]);
          if (settled) return false;
        }
        return true;
      } finally {
        controller.abort();
      }
    },
  };
}
