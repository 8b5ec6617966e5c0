// Starts almanak's Slack adapter from the environment (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET,
// SLACK_API_URL, PORT), on the configured archive with the bundled corpus, until Ctrl-C. A
// stop-gap for trying the stand-in until `almanak start` starts the Slack adapter itself.
import { parseArgs } from 'node:util';
import { registry } from '../../../commands/index.ts';
import { loadConfig } from '../../../config/load.ts';
import { openArchive } from '../../../src/archive.ts';
import { ingest } from '../../../src/ingest/ingest.ts';
import { createLogger } from '../../../src/logging.ts';
import { readCredentials } from '../../../src/platforms/credentials.ts';
import { startSlack } from '../../../src/platforms/slack/index.ts';

const { values } = parseArgs({ options: { db: { type: 'string' } }, strict: true });
const config = loadConfig(values.db ? { overrides: { dbPath: values.db } } : {});
const credentials = readCredentials(process.env, config.slack.mode);
const logger = createLogger('info');
const archive = openArchive(config);
try {
  await ingest(archive, [config.corpusDir]);
  // Only on this machine: the stand-in is on 127.0.0.1 as well.
  const runtime = await startSlack({ archive, registry, config, credentials, logger, clock: { now: () => new Date() } }, { host: '127.0.0.1' });
  process.stderr.write(`almanak: Slack adapter listening on http://127.0.0.1:${runtime.port}/slack/events (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await runtime.stop();
} finally {
  archive.close();
}
