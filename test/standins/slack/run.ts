// A person's Slack stand-in: `node bin/run-ts.js test/standins/slack/run.ts [--bot-url URL]
// [--bot-token xoxb-…] [--signing-secret HEX] [--timeout SECONDS]`. Prints the environment to
// start almanak with, then sends each typed slash command, signed, and prints the answer.
import { parseArgs } from 'node:util';
import { runStandInConsole } from './console.ts';

const { values } = parseArgs({
  options: {
    'bot-url': { type: 'string' },
    'bot-token': { type: 'string' },
    'signing-secret': { type: 'string' },
    timeout: { type: 'string' },
  },
  strict: true,
});

const botUrl = values['bot-url'] ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}/slack/events`;
const timeoutSeconds = Number(values.timeout ?? '15');
if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 300) {
  process.stderr.write('--timeout takes a number of seconds from 1 to 300\n');
  process.exit(2);
}

// Ctrl-C ends the input, so the stand-in closes as it does at end of input.
process.once('SIGINT', () => process.stdin.destroy());
await runStandInConsole({
  input: process.stdin,
  output: process.stdout,
  botUrl,
  timeoutMs: timeoutSeconds * 1000,
  ...(values['bot-token'] ? { botToken: values['bot-token'] } : {}),
  ...(values['signing-secret'] ? { signingSecret: values['signing-secret'] } : {}),
});
