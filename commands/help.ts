// /help: every command with its usage and examples, from the registry itself.
import { z } from 'zod';
import { defineCommand, type AnyCommand } from '../src/command/definition.ts';
import { infoReply } from '../src/core/types.ts';

export function helpCommand(listCommands: () => readonly AnyCommand[]) {
  return defineCommand({
    name: 'help',
    description: 'What almanak can do, with examples',
    usage: '/help',
    examples: ['/help'],
    options: [],
    schema: z.object({}).passthrough(),
    run() {
      const commands = listCommands();
      return infoReply('almanak: a news archive you can ask', 'Dated excerpts from the archive. Commands:', {
        fields: commands.map((command) => ({
          name: command.usage,
          value: `${command.description}. Example: ${command.examples.join(', ')}`,
        })),
      });
    },
  });
}
