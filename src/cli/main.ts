// almanak's command line: `start`, `ingest`, `ask`. User errors print one line and exit non-zero;
// only a bug shows a stack trace.
import { parseArgs } from 'node:util';
import { registry } from '../../commands/index.ts';
import { dispatchLine } from '../command/dispatch.ts';
import { ingest } from '../ingest/ingest.ts';
import { createLogger, logLevelFrom } from '../logging.ts';
import { renderForTerminal } from '../render/terminal.ts';
import { applyConfiguredSubscriptions, createPosters, runApp } from '../app.ts';
import { readCredentials } from '../platforms/credentials.ts';
import { parseRunDay, runDigestsByHand } from './digest-run.ts';
import { pollFeedsByHand } from '../feeds/poll-by-hand.ts';
import { runConsole } from './console.ts';
import { configFromFlags, dispatchContext, openArchive, systemClock } from './context.ts';
import { formatIngestReport } from './ingest-report.ts';
import { USAGE, UsageError } from './usage.ts';

type Flags = { db?: string; config?: string; json?: boolean; help?: boolean; guild?: string; date?: string; channel?: string; 'dry-run'?: boolean; feed?: string };

function parse(argv: readonly string[]): { command: string | undefined; positionals: string[]; flags: Flags } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        guild: { type: 'string' },
        date: { type: 'string' },
        channel: { type: 'string' },
        'dry-run': { type: 'boolean' },
        feed: { type: 'string' },
      },
    });
    const [command, ...rest] = positionals;
    return { command, positionals: rest, flags: values };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
}

/**
 * Errors a user can fix (bad flags, config, credentials, a platform refusing to start) carry a
 * stable code and are printed as one line; anything else is a bug and keeps its stack.
 */
const USER_ERROR_CODES = new Set(['usage', 'config', 'store', 'credentials', 'slack_manifest', 'slack_start', 'discord-start']);

function isUserError(error: unknown): error is Error {
  return error instanceof Error && USER_ERROR_CODES.has(String((error as { code?: unknown }).code));
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`almanak: ${error.message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}

async function run(argv: readonly string[]): Promise<number> {
  const { command, positionals, flags } = parse(argv);
  if (flags.help || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  switch (command) {
    case 'ingest':
      return ingestCommand(positionals, flags);
    case 'ask':
      return askCommand(positionals, flags);
    case 'start':
      return startCommand(flags);
    case 'slack-manifest':
      return slackManifestCommand(flags);
    case 'deploy-commands':
      return deployCommandsCommand(flags);
    case 'feeds':
      if (positionals[0] !== 'poll') throw new UsageError('usage: almanak feeds poll [--feed URL]');
      return feedsPollCommand(flags);
    case 'digest':
      if (positionals[0] !== 'run') throw new UsageError('usage: almanak digest run --date YYYY-MM-DD [--channel ID] [--dry-run]');
      return digestRunCommand(flags);
    case undefined:
      throw new UsageError('no command given; try `almanak start`, `almanak ask "/help"` or `almanak --help`');
    default:
      throw new UsageError(`unknown command "${command.slice(0, 40)}"; try almanak --help`);
  }
}

async function ingestCommand(locations: string[], flags: Flags): Promise<number> {
  if (locations.length === 0) throw new UsageError('ingest needs files, folders or feed URLs, e.g. almanak ingest corpus/');
  const archive = openArchive(configFromFlags(flags));
  try {
    const report = await ingest(archive, locations, {
      onProgress: (done, total) => process.stderr.write(`ingest: ${done}/${total} prepared\n`),
    });
    process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatIngestReport(report));
    const written = report.added.length + report.updated.length + report.unchanged.length;
    return written === 0 && report.rejected.length > 0 ? 1 : 0;
  } finally {
    archive.close();
  }
}

async function askCommand(positionals: string[], flags: Flags): Promise<number> {
  const line = positionals.join(' ').trim();
  if (line === '') throw new UsageError('ask needs a command line, e.g. almanak ask "/summit putin trump"');
  const config = configFromFlags(flags);
  const archive = openArchive(config);
  try {
    // A new archive answers from the bundled corpus at once, as `start` does.
    const empty = archive.db.prepare('SELECT 1 FROM articles LIMIT 1').get() === undefined;
    if (empty) {
      const report = await ingest(archive, [config.corpusDir]);
      process.stderr.write(`empty archive: ingested ${report.added.length} articles from ${config.corpusDir}\n`);
    }
    const context = dispatchContext(archive, createLogger('warn'), { platform: 'cli', canManageChannel: true });
    const reply = await dispatchLine(registry, line, context, 'search');
    process.stdout.write(flags.json ? `${JSON.stringify(reply, null, 2)}\n` : renderForTerminal(reply, { color: process.stdout.isTTY === true }));
    return reply.kind === 'error' ? 1 : 0;
  } finally {
    archive.close();
  }
}

async function startCommand(flags: Flags): Promise<number> {
  const config = configFromFlags(flags);
  const logger = createLogger(logLevelFrom(process.env.ALMANAK_LOG_LEVEL));
  const stopSignal = new Promise<string>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
  return runApp({
    config,
    env: process.env,
    logger,
    clock: systemClock,
    stopSignal,
    onNotice: (line) => process.stderr.write(`${line}\n`),
    runConsole: (archive) =>
      runConsole(dispatchContext(archive, createLogger('warn'), { platform: 'console', canManageChannel: true }), {
        input: process.stdin,
        output: process.stdout,
        interactive: process.stdin.isTTY === true,
        color: process.stdout.isTTY === true,
      }),
  });
}

async function deployCommandsCommand(flags: Flags): Promise<number> {
  const config = configFromFlags(flags);
  const credentials = readCredentials(process.env, config.slack.mode);
  if (!credentials.discord) throw new UsageError('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  if (flags.guild !== undefined && !/^\d{15,22}$/.test(flags.guild)) throw new UsageError(`--guild "${flags.guild.slice(0, 40)}" is not a Discord server id`);
  const { deployCommands } = await import('../platforms/discord/index.ts');
  const result = await deployCommands({ credentials, registry, ...(flags.guild ? { guildId: flags.guild } : {}) });
  process.stdout.write(`registered ${result.commands.length} commands (${result.commands.join(', ')}) ${result.guildId ? `in server ${result.guildId}` : 'globally (may take up to an hour to appear)'}\n`);
  return 0;
}

async function digestRunCommand(flags: Flags): Promise<number> {
  parseRunDay(flags.date);
  const config = configFromFlags(flags);
  const logger = createLogger(logLevelFrom(process.env.ALMANAK_LOG_LEVEL));
  const archive = openArchive(config);
  try {
    applyConfiguredSubscriptions(archive, systemClock.now());
    return await runDigestsByHand(
      archive,
      { ...(flags.date ? { date: flags.date } : {}), ...(flags.channel ? { channel: flags.channel } : {}), dryRun: flags['dry-run'] === true },
      {
        posters: () => createPosters(readCredentials(process.env, config.slack.mode), archive, systemClock, logger),
        logger,
        clock: systemClock,
        write: (text) => process.stdout.write(text),
      },
    );
  } finally {
    archive.close();
  }
}

async function feedsPollCommand(flags: Flags): Promise<number> {
  const config = configFromFlags(flags);
  const archive = openArchive(config);
  try {
    const report = await pollFeedsByHand(archive, flags.feed !== undefined ? { feedUrl: flags.feed } : {}, {
      logger: createLogger(logLevelFrom(process.env.ALMANAK_LOG_LEVEL)),
      clock: systemClock,
    });
    process.stdout.write(report.text);
    return report.failed > 0 ? 1 : 0;
  } finally {
    archive.close();
  }
}

async function slackManifestCommand(flags: Flags): Promise<number> {
  const config = configFromFlags(flags);
  const { slackManifest } = await import('../platforms/slack/index.ts');
  process.stdout.write(`${JSON.stringify(slackManifest(registry, config), null, 2)}\n`);
  return 0;
}
