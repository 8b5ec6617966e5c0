// The stand-in for a person at a terminal: starts the Slack stand-in, prints what almanak needs
// to run against it, then turns typed lines into signed slash commands, DMs and More clicks and
// prints what the bot sent back (read from the stand-in's records).
import { createInterface } from 'node:readline';
import { slackEventsClient } from './client.ts';
import { startSlackStandIn, type RecordedRequest, type SlackStandIn } from './server.ts';

export interface StandInConsoleOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** The bot's events endpoint, e.g. http://127.0.0.1:3000/slack/events. */
  readonly botUrl: string;
  /** How long to wait for the bot's answer to one line. */
  readonly timeoutMs?: number;
  /** After the first message of an answer, how long to wait for the rest of it. */
  readonly settleMs?: number;
  readonly botToken?: string;
  readonly signingSecret?: string;
  /** Called once the stand-in listens (tests start the bot here). */
  readonly onReady?: (standIn: SlackStandIn) => void | Promise<void>;
}

type Json = Record<string, unknown>;

/** Slack mrkdwn back to plain reading text: entities decoded, zero-width marks dropped. */
function readable(text: string): string {
  return text
    .replace(/[\u200B\u2060]/g, '')
    .replace(/<([^<>|]+)\|([^<>]+)>/g, '$2 ($1)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A message as a person would read it in Slack, roughly. */
export function describeMessage(body: Json): string {
  const lines: string[] = [];
  const blocks = Array.isArray(body.blocks) ? (body.blocks as Json[]) : [];
  if (blocks.length === 0 && typeof body.text === 'string') lines.push(readable(body.text));
  for (const block of blocks) {
    const text = (block.text as Json | undefined)?.text;
    switch (block.type) {
      case 'header':
        lines.push(`== ${readable(String(text))} ==`);
        break;
      case 'section':
        if (typeof text === 'string') lines.push(readable(text));
        for (const field of (block.fields as Json[] | undefined) ?? []) lines.push(`  ${readable(String(field.text)).replace('\n', ': ')}`);
        break;
      case 'context':
        lines.push(`   ${((block.elements as Json[] | undefined) ?? []).map((element) => readable(String(element.text))).join(' · ')}`);
        break;
      case 'actions':
        lines.push(((block.elements as Json[] | undefined) ?? []).map((element) => `[${String((element.text as Json | undefined)?.text ?? 'button')}]`).join(' '));
        break;
      default:
        lines.push(`(${String(block.type)} block)`);
    }
  }
  const flags = [body.response_type, body.replace_original === true ? 'replaces the original' : undefined].filter(Boolean).join(', ');
  return `${flags ? `[${flags}]\n` : ''}${lines.join('\n')}`;
}

function moreValue(body: Json): string | undefined {
  for (const block of (body.blocks as Json[] | undefined) ?? []) {
    for (const element of (block.elements as Json[] | undefined) ?? []) if (element.action_id === 'almanak_more') return String(element.value);
  }
  return undefined;
}

export const HELP = [
  'Type a slash command, e.g. /summit putin trump   (add public:true to post it in the channel)',
  '  dm <text>   a direct message to the bot, e.g. dm summit putin trump',
  '  more        press the More button of the last answer',
  '  quit        stop the stand-in (or Ctrl-D)',
].join('\n');

/** Runs until the input ends or "quit"; resolves after the stand-in has closed. */
export async function runStandInConsole(options: StandInConsoleOptions): Promise<void> {
  const { output } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const settleMs = options.settleMs ?? 300;
  const standIn = await startSlackStandIn({
    ...(options.botToken ? { botToken: options.botToken } : {}),
    ...(options.signingSecret ? { signingSecret: options.signingSecret } : {}),
  });
  const client = slackEventsClient(standIn, options.botUrl);
  const print = (text: string) => output.write(`${text}\n`);
  const botPort = new URL(options.botUrl).port || '80';
  print(`Slack stand-in listening on ${standIn.url}`);
  print('Start almanak against it, in another terminal, with:');
  print(`  export SLACK_BOT_TOKEN=${standIn.botToken}`);
  print(`  export SLACK_SIGNING_SECRET=${standIn.signingSecret}`);
  print(`  export SLACK_API_URL=${standIn.apiUrl}`);
  print(`  export PORT=${botPort}`);
  print('  node bin/run-ts.js test/standins/slack/start-bot.ts');
  print(`Requests go to ${options.botUrl}, signed with that secret.`);
  print(HELP);
  await options.onReady?.(standIn);

  let lastWithButton: Json | undefined;
  let nextDm = 0;
  const show = (requests: readonly RecordedRequest[]) => {
    for (const request of requests) {
      print(describeMessage(request.body));
      if (moreValue(request.body)) lastWithButton = request.body;
    }
  };
  /** Waits for the first matching request, then a moment for the messages that follow it. */
  const collect = async (match: (request: RecordedRequest) => boolean) => {
    await standIn.waitFor((request) => match(request) && request.ok, { timeoutMs });
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return standIn.requests.filter((request) => match(request) && request.ok);
  };

  const lines = createInterface({ input: options.input, terminal: false });
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === '') continue;
      if (line === 'quit' || line === 'exit') break;
      try {
        if (line === 'help') {
          print(HELP);
        } else if (line === 'more') {
          const value = lastWithButton ? moreValue(lastWithButton) : undefined;
          if (!value) {
            print('No answer with a More button yet.');
            continue;
          }
          const click = await client.blockAction({ value, isEphemeral: lastWithButton?.response_type !== 'in_channel' });
          print(`> click More: HTTP ${click.status} in ${Math.round(click.elapsedMs)} ms`);
          show(await collect((request) => request.path === new URL(click.responseUrl).pathname));
        } else if (line.startsWith('/')) {
          const [command = '', ...rest] = line.split(/\s+/);
          const sent = await client.slashCommand({ command, text: rest.join(' ') });
          print(`> ${command}: HTTP ${sent.status} in ${Math.round(sent.elapsedMs)} ms`);
          if (sent.status !== 200) continue;
          show(await collect((request) => request.path === new URL(sent.responseUrl).pathname));
        } else if (/^dm\s+/i.test(line)) {
          nextDm += 1;
          const channel = 'D0CONSOLE';
          const ts = `${Math.floor(Date.now() / 1000)}.${String(nextDm).padStart(6, '0')}`;
          const before = standIn.requests.length;
          const sent = await client.event({ type: 'message', channel, channel_type: 'im', user: 'U0CONSOLE', ts, event_ts: ts, text: line.replace(/^dm\s+/i, '') });
          print(`> dm: HTTP ${sent.status} in ${Math.round(sent.elapsedMs)} ms`);
          show(await collect((request) => standIn.requests.indexOf(request) >= before && request.method === 'chat.postMessage' && request.body.channel === channel));
        } else {
          print(`Not understood: ${line.slice(0, 60)}\n${HELP}`);
        }
      } catch (error) {
        print(`! ${(error as Error).message}`);
      }
    }
  } finally {
    lines.close();
    await standIn.close();
    print('Slack stand-in stopped.');
  }
}
