// The stand-in as a person uses it: run.ts prints the environment for almanak, almanak (here the
// adapter started in this process from exactly that environment) connects, a typed command
// line goes out as an interaction and the bot's answer is printed.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import { silentLogger } from '../../src/logging.ts';
import { readCredentials } from '../../src/platforms/credentials.ts';
import { startDiscord, type DiscordRuntime } from '../../src/platforms/discord/index.ts';
import { corpusArchive, type TestArchive } from '../support/archive.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let runtime: DiscordRuntime | undefined;
let fixture: TestArchive | undefined;
afterAll(async () => {
  await runtime?.stop();
  fixture?.cleanup();
});

it('prints working credentials, dispatches a typed line as an interaction and prints the answer', async () => {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/standins/discord/run.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    for (const waiter of waiters.filter((w) => w.pattern.test(output))) waiter.resolve();
  });
  const until = (pattern: RegExp) =>
    new Promise<void>((done, fail) => {
      if (pattern.test(output)) return done();
      const timer = setTimeout(() => fail(new Error(`run.ts never printed ${pattern}; got:\n${output}`)), 10_000);
      waiters.push({ pattern, resolve: () => (clearTimeout(timer), done()) });
    });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  try {
    await until(/DISCORD_API_URL=\S+\n/);
    const env = Object.fromEntries([...output.matchAll(/^\s*(DISCORD_\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
    const credentials = readCredentials(env, 'http');
    expect(credentials.discord?.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);

    fixture = await corpusArchive();
    runtime = await startDiscord(
      { archive: fixture.archive, registry, config: fixture.archive.config, credentials, logger: silentLogger, clock: { now: () => new Date() } },
      { readyTimeoutMs: 5000 },
    );
    await until(/almanak connected to the gateway/);
    child.stdin.write('/summit putin trump\n');
    await until(/1–4 of 4 articles/);
    expect(output).toMatch(/\[\/summit putin trump\]/);
    expect(output).toMatch(/1\. 2017-05 · VG[\s\S]*Hamburg[\s\S]*2\. 2018-12[\s\S]*november/);
    await runtime.stop();
    await until(/almanak disconnected/);
    child.stdin.end('quit\n');
    expect(await exited).toBe(0);
  } finally {
    child.kill();
  }
});
