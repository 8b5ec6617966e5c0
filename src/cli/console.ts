// The local console: type a command, read the reply. On a terminal it prompts; fed by a pipe
// it answers line by line and ends at end of input, so it can be scripted and tested.
import { createInterface } from 'node:readline';
import { registry } from '../../commands/index.ts';
import { dispatchLine, type DispatchContext } from '../command/dispatch.ts';
import { renderForTerminal } from '../render/terminal.ts';

export interface ConsoleOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly interactive: boolean;
  readonly color: boolean;
}

export async function runConsole(context: DispatchContext, options: ConsoleOptions): Promise<void> {
  const lines = createInterface({ input: options.input, output: options.interactive ? options.output : undefined, terminal: options.interactive });
  const prompt = () => {
    if (options.interactive) {
      lines.setPrompt('almanak> ');
      lines.prompt();
    }
  };
  if (options.interactive) options.output.write('almanak console: try /summit putin trump, /help, or Ctrl-D to leave.\n');
  prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text === '') {
      prompt();
      continue;
    }
    if (text === 'exit' || text === 'quit' || text === '/exit' || text === '/quit') break;
    // Plain words without a command are a search, as in a direct message to the bot.
    const reply = await dispatchLine(registry, text, context, 'search');
    options.output.write(`${renderForTerminal(reply, { color: options.color })}\n`);
    prompt();
  }
  lines.close();
}
