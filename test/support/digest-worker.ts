// A second almanak process for the exactly-once test: opens the shared store, runs the digest
// scheduler with a poster that reports each post to the test's counting server, then exits.
import { loadConfig } from '../../config/load.ts';
import { openArchive } from '../../src/archive.ts';
import { createLedger } from '../../src/digests/ledger.ts';
import { startDigestScheduler } from '../../src/digests/scheduler.ts';
import { createSubscriptionStore } from '../../src/digests/subscriptions.ts';
import { silentLogger } from '../../src/logging.ts';
import type { ChannelPoster } from '../../src/platforms/types.ts';

const [dbPath, counterUrl, instance] = process.argv.slice(2) as [string, string, string];
const archive = openArchive(loadConfig({ env: {}, overrides: { dbPath } }));
const poster: ChannelPoster = {
  platform: 'slack',
  async post(channelId, reply) {
    await fetch(counterUrl, { method: 'POST', body: JSON.stringify({ instance, channelId, title: reply.title }) });
    return { ok: true };
  },
};
const scheduler = await startDigestScheduler(
  {
    archive,
    ledger: createLedger(archive.db, instance),
    subscriptions: createSubscriptionStore(archive.db),
    posters: new Map([['slack', poster]]),
    logger: silentLogger,
    clock: { now: () => new Date() },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
  { catchUpMs: 3_600_000, maxItems: 20, retryAttempts: 2, retryBaseMs: 10 },
  silentLogger,
);
// Both processes sweep a few times, as running bots would.
for (let i = 0; i < 3; i += 1) {
  await scheduler.runDue();
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await scheduler.stop();
archive.close();
process.stdout.write('done\n');
