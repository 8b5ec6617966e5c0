// A stand-in Discord for a person: starts on 127.0.0.1, prints the environment to point almanak
// at it, then reads lines from stdin and sends them as the bot would receive them:
//   /summit putin trump        a slash command (add public:true to answer for everyone)
//   dm summit biden putin      a direct message to the bot
//   complete /summit pu        what autocomplete offers for the last option
//   more                       click the last "More" button
//   quit                       (or Ctrl-D) stop
// and prints what the bot sends back.
//
//   node bin/run-ts.js test/standins/discord/run.ts [--port N] [--bot [--db FILE]]
// --bot also starts almanak's Discord adapter in this process (on the bundled corpus in a
// temporary archive, or on --db FILE), so one command shows the whole round trip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { registry } from '../../../commands/index.ts';
import { loadConfig } from '../../../config/load.ts';
import { bindOptions, splitCommandLine } from '../../../src/command/parse.ts';
import { openArchive } from '../../../src/archive.ts';
import { ingest } from '../../../src/ingest/ingest.ts';
import { createLogger } from '../../../src/logging.ts';
import { commandPayloads, startDiscord, type DiscordRuntime } from '../../../src/platforms/discord/index.ts';
import type { InteractionOption } from './payloads.ts';
import { describeRequest } from './print.ts';
import { startDiscordStandIn } from './server.ts';
import type { BotMessage } from './payloads.ts';

const { values: flags } = parseArgs({ options: { port: { type: 'string' }, bot: { type: 'boolean' }, db: { type: 'string' } } });
const standIn = await startDiscordStandIn(flags.port ? { port: Number(flags.port) } : {});
const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

out('Stand-in Discord on 127.0.0.1. Start almanak against it with:');
out(`  DISCORD_TOKEN=${standIn.world.token}`);
out(`  DISCORD_APPLICATION_ID=${standIn.world.applicationId}`);
out(`  DISCORD_API_URL=${standIn.apiUrl}`);
out(`(server "${standIn.world.guild.name}" ${standIn.world.guild.id}: #general ${standIn.world.channels.general.id}, #news ${standIn.world.channels.news.id})`);

let runtime: DiscordRuntime | undefined;
let tempDir: string | undefined;
let closeArchive = () => {};
if (flags.bot) {
  const dbPath = flags.db ?? join((tempDir = mkdtempSync(join(tmpdir(), 'almanak-standin-'))), 'almanak.db');
  const config = loadConfig({ overrides: { dbPath } });
  const archive = openArchive(config);
  closeArchive = () => archive.close();
  if (!flags.db) await ingest(archive, [config.corpusDir]);
  runtime = await startDiscord({ archive, registry, config, credentials: { discord: standIn.credentials }, logger: createLogger('warn'), clock: { now: () => new Date() } });
  out('almanak is connected (--bot).');
} else {
  out('Waiting for almanak to connect…');
}

let lastButton: { message: BotMessage; customId: string } | undefined;
/** What the person typed, by interaction token or DM channel, to label the bot's answers. */
const labels = new Map<string, string>();
standIn.rest.events.on('request', (request) => {
  const text = describeRequest(request);
  const key = /^\/(?:interactions\/\d+|webhooks\/\d+|channels)\/([^/]+)/.exec(request.path)?.[1];
  if (text) out(`${key && labels.has(key) ? `[${labels.get(key)}]\n` : ''}${text.replace(/^/gm, '  ')}`);
  for (const message of standIn.rest.messages.values()) {
    const customId = (message.components as { components?: { custom_id?: string }[] }[]).flatMap((row) => row.components ?? []).find((c) => c.custom_id?.startsWith('more:'))?.custom_id;
    if (customId) lastButton = { message, customId };
  }
});
standIn.gateway.events.on('identified', () => out('almanak connected to the gateway. Type /help, /summit putin trump, dm summit biden putin, complete /summit pu, more, quit.'));
standIn.gateway.events.on('closed', () => out('almanak disconnected from the gateway.'));

/** A typed command line as interaction options, typed from the command's registration payload. */
function interactionOptions(line: string): { name: string; options: InteractionOption[] } | string {
  const parsed = splitCommandLine(line);
  if (!parsed) return 'not a command line';
  const command = registry.find(parsed.name);
  if (!command) return `no command /${parsed.name}`;
  const publicFlag = /\bpublic:(true|false)\b/.exec(parsed.args);
  const raw = bindOptions(command, parsed.args.replace(/\bpublic:(true|false)\b/, ''));
  const payload = commandPayloads(registry).find((p) => p.name === command.name)!;
  const typed = (specs: readonly { name: string; type: number }[], values: Record<string, string>): InteractionOption[] =>
    Object.entries(values)
      .filter(([name]) => name !== 'subcommand' && name !== '_extra')
      .map(([name, value]) => {
        const type = specs.find((spec) => spec.name === name)?.type ?? 3;
        return { name, type, value: type === 4 ? Number(value) : type === 5 ? value === 'true' : value };
      });
  const withPublic = (options: InteractionOption[]) => (publicFlag ? [...options, { name: 'public', type: 5, value: publicFlag[1] === 'true' }] : options);
  if (raw.subcommand) {
    const sub = (payload.options ?? []).find((option) => option.name === raw.subcommand) as { options?: { name: string; type: number }[] } | undefined;
    return { name: command.name, options: [{ name: raw.subcommand, type: 1, options: withPublic(typed(sub?.options ?? [], raw)) }] };
  }
  return { name: command.name, options: withPublic(typed((payload.options ?? []) as { name: string; type: number }[], raw)) };
}

function handle(line: string): void {
  const text = line.trim();
  if (!text) return;
  if (standIn.gateway.connections === 0) return out('almanak is not connected yet.');
  const channel = standIn.world.channels.general;
  if (text === 'more') {
    if (!lastButton) return out('no More button yet');
    labels.set(standIn.clickButton(lastButton.message, lastButton.customId, { channel }).token, text);
    return;
  }
  if (text.startsWith('dm ')) {
    labels.set(standIn.sendDirectMessage(standIn.world.users.alice, text.slice(3)).channelId, 'dm');
    return;
  }
  if (text.startsWith('complete ')) {
    const parsed = splitCommandLine(text.slice(9));
    const command = parsed && registry.find(parsed.name);
    const option = command?.options.find((o) => o.autocomplete) ?? command?.options[0];
    if (!command || !option) return out('complete needs a command with an option, e.g. complete /summit pu');
    labels.set(standIn.sendAutocomplete(command.name, option.name, parsed.args, { channel }).token, text);
    return;
  }
  const built = interactionOptions(text);
  if (typeof built === 'string') return out(built);
  labels.set(standIn.sendCommand(built.name, built.options, { channel }).token, text);
}

const lines = createInterface({ input: process.stdin });
let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  lines.close();
  await runtime?.stop();
  closeArchive();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  await standIn.close();
}
process.once('SIGINT', () => void shutdown());
let quit = false;
for await (const line of lines) {
  if ((quit = /^(quit|exit)$/i.test(line.trim()))) break;
  try {
    handle(line);
  } catch (error) {
    out(`error: ${(error as Error).message}`);
  }
}
// Fed by a pipe: give the bot time to answer the last lines (until 500 ms pass without a request).
if (!closing && !quit) await quiet(500, 10_000);
await shutdown();

async function quiet(ms: number, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  let seen = -1;
  while (Date.now() < until && seen !== standIn.requests.length) {
    seen = standIn.requests.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}
