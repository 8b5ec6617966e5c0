// The one place commands are run: validation errors become a message naming the option, an
// unknown command gets the help, and a crash inside a handler becomes a short apology with an
// error id (the stack goes to the log under the same id, never to the user).
import { randomBytes } from 'node:crypto';
import { errorReply, type Reply } from '../core/types.ts';
import type { AnyCommand, CommandContext } from './definition.ts';
import { bindOptions, splitCommandLine } from './parse.ts';
import { pageOption } from './options.ts';

export interface Registry {
  readonly commands: readonly AnyCommand[];
  find(name: string): AnyCommand | undefined;
}

export function createRegistry(commands: readonly AnyCommand[]): Registry {
  const byName = new Map(commands.map((command) => [command.name, command]));
  return { commands, find: (name) => byName.get(name.toLowerCase()) };
}

export type DispatchContext = Omit<CommandContext, 'page'>;

export interface Invocation {
  readonly command: string;
  /** Raw option values as typed or sent by the platform; validated here. */
  readonly options: Readonly<Record<string, unknown>>;
}

function describeIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'the options are not valid';
  const option = issue.path.map(String).join('.');
  return option ? `Option "${option}": ${issue.message}` : issue.message;
}

export async function dispatch(registry: Registry, invocation: Invocation, context: DispatchContext): Promise<Reply> {
  const command = registry.find(invocation.command);
  const help = registry.find('help');
  if (!command) {
    const name = invocation.command.slice(0, 40);
    if (help) return { ...(await help.run({}, { ...context, page: 1 })), title: `Unknown command /${name}`, kind: 'error' };
    return errorReply(`Unknown command /${name}`, 'Try /help.');
  }
  const { page: rawPage, _extra: extra, ...rawOptions } = invocation.options;
  let page = 1;
  if (rawPage !== undefined) {
    const parsed = pageOption.safeParse(rawPage);
    if (!parsed.success) return errorReply(`/${command.name}: invalid option`, `Option "page": ${parsed.error.issues[0]?.message}`);
    page = parsed.data;
  }
  if (typeof extra === 'string' && extra.length > 0) {
    return errorReply(`/${command.name}: unexpected text`, `"${extra.slice(0, 60)}" is not an option of /${command.name}. Usage: ${command.usage}`);
  }
  const parsed = command.schema.safeParse(rawOptions);
  if (!parsed.success) {
    return errorReply(`/${command.name}: invalid option`, `${describeIssue(parsed.error)}. Usage: ${command.usage}`);
  }
  let reply: Reply;
  try {
    reply = await command.run(parsed.data, { ...context, page });
  } catch (error) {
    const errorId = randomBytes(4).toString('hex');
    context.logger.error('command failed', {
      errorId,
      command: command.name,
      error: error instanceof Error ? error.stack ?? error.message : String(error),
    });
    return errorReply('Sorry, something went wrong', `That /${command.name} failed on our side. Error id: ${errorId}.`);
  }
  if (reply.page && reply.page.number < reply.page.count) {
    return { ...reply, next: { command: command.name, options: rawOptions, page: reply.page.number + 1 } };
  }
  return reply;
}

/** A typed line: "/summit putin trump", "summit putin trump", or (when `freeText` names one) plain words. */
export async function dispatchLine(
  registry: Registry,
  line: string,
  context: DispatchContext,
  freeText?: string,
): Promise<Reply> {
  const parsed = splitCommandLine(line);
  if (!parsed) {
    const help = registry.find('help');
    return help ? help.run({}, { ...context, page: 1 }) : errorReply('Nothing to do', 'Type /help.');
  }
  let command = registry.find(parsed.name);
  let args = parsed.args;
  if (!command && !parsed.slashed && freeText) {
    command = registry.find(freeText);
    args = line;
  }
  if (!command) return dispatch(registry, { command: parsed.name, options: {} }, context);
  return dispatch(registry, { command: command.name, options: bindOptions(command, args) }, context);
}
