// Runs digests on time: a node-cron task per active subscription, in the subscription's own
// time zone, plus a sweep every minute that delivers whatever is due and not yet in the ledger
// (a time skipped by a spring-forward gap, a tick missed under load, digests missed while the
// bot was down). Both go through the same exactly-once delivery.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../command/definition.ts';
import { deliverIfDue, type DeliveryDeps, type DeliveryPolicy, type DeliveryResult } from './delivery.ts';
import { cronExpression } from './schedule.ts';
import type { Subscription } from './subscriptions.ts';

export interface DigestScheduler {
  /** Delivers everything due now (also run at start: the catch-up). */
  runDue(): Promise<Map<string, DeliveryResult>>;
  stop(): Promise<void>;
}

// node-cron drops a tick that fires more than 1 s late (its default) as "missed". On a busy
// machine the event loop can be seconds late; delivery decides for itself whether a digest is
// still due and the ledger keeps it to one post, so a late tick is always safe to run.
const TASK_LATENESS_TOLERANCE_MS = 15 * 60_000;
// The sweep runs every minute; a tick later than that is superseded by the next one anyway.
const SWEEP_LATENESS_TOLERANCE_MS = 59_000;

const signature = (subscriptions: readonly Subscription[]) =>
  subscriptions.map((s) => `${s.id}|${s.channel}|${s.kind}|${s.time}|${s.timeZone}|${s.days}|${s.status}`).join('\n');

export async function startDigestScheduler(deps: DeliveryDeps, policy: DeliveryPolicy, logger: Logger): Promise<DigestScheduler> {
  let tasks: ScheduledTask[] = [];
  let current = '';
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };

  const deliver = (subscription: Subscription) =>
    track(
      deliverIfDue(subscription, deps, policy).catch((error: unknown) => {
        logger.error('digest delivery crashed', { channel: subscription.channel, error: error instanceof Error ? error.stack : String(error) });
        return 'failed' as const;
      }),
    );

  /** (Re)creates the per-subscription cron tasks when subscriptions changed. */
  const syncTasks = async () => {
    const subscriptions = deps.subscriptions.all().filter((s) => s.status === 'active');
    const next = signature(subscriptions);
    if (next === current) return;
    current = next;
    await Promise.all(tasks.map((task) => task.destroy()));
    tasks = subscriptions.map((subscription) =>
      cron.schedule(
        cronExpression(subscription),
        () => {
          const fresh = deps.subscriptions.find(subscription.channel, subscription.kind);
          if (fresh && !stopped) void deliver(fresh);
        },
        {
          timezone: subscription.timeZone,
          name: `digest ${subscription.channel} ${subscription.kind}`,
          noOverlap: true,
          missedExecutionTolerance: TASK_LATENESS_TOLERANCE_MS,
        },
      ),
    );
  };

  const runDue = async () => {
    const results = new Map<string, DeliveryResult>();
    await syncTasks();
    for (const subscription of deps.subscriptions.all()) {
      if (stopped) break;
      results.set(`${subscription.channel} ${subscription.kind}`, await deliver(subscription));
    }
    return results;
  };

  const sweep = cron.schedule('* * * * *', () => {
    if (!stopped) void track(runDue());
  }, { name: 'digest sweep', noOverlap: true, missedExecutionTolerance: SWEEP_LATENESS_TOLERANCE_MS });

  await runDue();
  return {
    runDue,
    async stop() {
      stopped = true;
      await sweep.destroy();
      await Promise.all(tasks.map((task) => task.destroy()));
      await Promise.allSettled([...inFlight]);
    },
  };
}
