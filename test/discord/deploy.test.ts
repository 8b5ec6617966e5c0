// Command registration: the payloads come from the command definitions (types, required,
// autocomplete, choices, subcommands, Discord's length limits), and deployCommands sends them by
// bulk overwrite to the global or the guild route, with the bot token.
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import { defineCommand, type OptionSpec } from '../../src/command/definition.ts';
import { createRegistry } from '../../src/command/dispatch.ts';
import { infoReply } from '../../src/core/types.ts';
import { commandPayloads, deployCommands } from '../../src/platforms/discord/index.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../standins/discord/server.ts';

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const SUB_COMMAND = 1;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await startDiscordStandIn();
});
afterAll(async () => {
  await standIn?.close();
});

const TYPE_OF = { string: STRING, integer: INTEGER, boolean: BOOLEAN } as const;

/** The options Discord should get for a list of specs: required first, then the adapter's `public`. */
function expectOptionsFrom(specs: readonly OptionSpec[], options: Json[]): void {
  const ordered = [...specs.filter((spec) => spec.required), ...specs.filter((spec) => !spec.required)];
  expect(options.map((option) => option.name)).toEqual([...ordered.map((spec) => spec.name), 'public']);
  ordered.forEach((spec, index) => {
    expect(options[index]).toMatchObject({ type: TYPE_OF[spec.type], required: spec.required === true });
    if (spec.choices) expect(options[index].choices.map((choice: Json) => choice.value)).toEqual(spec.choices);
    else expect(options[index].autocomplete === true).toBe(spec.autocomplete === true);
  });
  expect(options.at(-1)).toMatchObject({ name: 'public', type: BOOLEAN, required: false });
}

function expectRegistryShape(body: Json[]): void {
  // Every command of the registry, generated from its definition.
  expect(body.map((command) => command.name)).toEqual(registry.commands.map((command) => command.name));
  for (const [index, command] of registry.commands.entries()) {
    const payload = body[index];
    expect(payload.type).toBe(1);
    expect(payload.description.length).toBeGreaterThan(0);
    expect(payload.description.length).toBeLessThanOrEqual(100);
    if (command.subcommands) {
      expect(payload.options.map((option: Json) => [option.type, option.name])).toEqual(command.subcommands.map((sub) => [SUB_COMMAND, sub.name]));
      command.subcommands.forEach((sub, i) => expectOptionsFrom(sub.options, payload.options[i].options));
    } else {
      expectOptionsFrom(command.options, payload.options);
    }
  }
  // And by hand, for the commands the issue names.
  const byName = Object.fromEntries(body.map((command) => [command.name, command]));
  expect(byName.summit.options[0]).toMatchObject({ name: 'names', type: STRING, required: true, autocomplete: true });
  const search = Object.fromEntries(byName.search.options.map((option: Json) => [option.name, option]));
  expect(search.query).toMatchObject({ type: STRING, required: true });
  expect(search.from).toMatchObject({ type: STRING, required: false });
  expect(search.lang.choices.map((choice: Json) => choice.value)).toEqual(['da', 'no', 'en']);
  expect(search.lang.autocomplete).toBeUndefined();
  expect(byName.help.options.map((option: Json) => option.name)).toEqual(['public']);
}

describe('deployCommands', () => {
  it('overwrites the global commands with the whole registry', async () => {
    const result = await deployCommands({ credentials: { discord: standIn.credentials }, registry });
    const put = await standIn.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${standIn.world.applicationId}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${standIn.world.token}`);
    expectRegistryShape(put.body);
    expect(result).toEqual({ scope: 'global', commands: registry.commands.map((command) => command.name) });
  });

  it('overwrites one guild\'s commands when given a guild id', async () => {
    const guildId = standIn.world.guild.id;
    const result = await deployCommands({ credentials: { discord: standIn.credentials }, registry, guildId });
    const put = await standIn.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${standIn.world.applicationId}/guilds/${guildId}/commands`);
    expectRegistryShape(put.body);
    expect(result.scope).toBe('guild');
  });

  it('fails with a clear error, not a crash, without Discord credentials or with a bad guild id', async () => {
    await expect(deployCommands({ credentials: {}, registry })).rejects.toThrow(/DISCORD_TOKEN/);
    await expect(deployCommands({ credentials: { discord: standIn.credentials }, registry, guildId: 'general' })).rejects.toThrow(/guild id/);
  });
});

describe('commandPayloads', () => {
  const run = () => infoReply('x', 'y');
  const digest = defineCommand({
    name: 'Digest',
    description: 'D'.repeat(150),
    usage: '/digest',
    examples: [],
    options: [],
    subcommands: [
      {
        name: 'subscribe',
        description: 'Subscribe this channel',
        options: [
          { name: 'time', description: 'When', type: 'string' },
          { name: 'kind', description: 'Which digest', type: 'string', required: true, choices: ['daily', 'weekly'], autocomplete: true },
          { name: 'count', description: 'How many', type: 'integer' },
          { name: 'quiet', description: 'No pings', type: 'boolean' },
        ],
      },
      { name: 'list', description: '', options: [] },
    ],
    schema: z.object({}).passthrough(),
    run,
  });
  const named = defineCommand({
    name: 'a-command-with-a-name-far-longer-than-discord-allows',
    description: 'Has its own public option',
    usage: '',
    examples: [],
    options: [{ name: 'public', description: 'Its own', type: 'string' }],
    schema: z.object({}).passthrough(),
    run,
  });

  it('maps subcommands to SUB_COMMAND options, required first, and cuts names and descriptions to fit', () => {
    const [payload, other] = commandPayloads(createRegistry([digest, named])) as Json[];
    expect(payload.name).toBe('digest');
    expect(payload.description).toHaveLength(100);
    expect(payload.description.endsWith('…')).toBe(true);
    expect(payload.options.map((option: Json) => [option.type, option.name])).toEqual([
      [SUB_COMMAND, 'subscribe'],
      [SUB_COMMAND, 'list'],
    ]);
    const subscribe = payload.options[0].options;
    expect(subscribe.map((option: Json) => [option.name, option.type, option.required])).toEqual([
      ['kind', STRING, true],
      ['time', STRING, false],
      ['count', INTEGER, false],
      ['quiet', BOOLEAN, false],
      ['public', BOOLEAN, false],
    ]);
    // Discord allows choices or autocomplete, not both: the fixed choices win.
    expect(subscribe[0].choices).toEqual([{ name: 'daily', value: 'daily' }, { name: 'weekly', value: 'weekly' }]);
    expect(subscribe[0].autocomplete).toBeUndefined();
    expect(payload.options[1].description).toBe('list');
    expect(other.name).toHaveLength(32);
    // A command's own `public` option is left alone, not doubled.
    expect(other.options).toEqual([{ name: 'public', description: 'Its own', type: STRING, required: false }]);
  });
});
