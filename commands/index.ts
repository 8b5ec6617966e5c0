// The command registry: every command almanak has, listed explicitly (no folder scanning).
import type { AnyCommand } from '../src/command/definition.ts';
import { createRegistry } from '../src/command/dispatch.ts';
import { digestCommand } from './digest.ts';
import { feedsCommand } from './feeds.ts';
import { helpCommand } from './help.ts';
import { onThisDayCommand } from './onthisday.ts';
import { searchCommand } from './search.ts';
import { statsCommand } from './stats.ts';
import { summitCommand } from './summit.ts';
import { watchCommand } from './watch.ts';

export const commands: readonly AnyCommand[] = [
  summitCommand,
  searchCommand,
  onThisDayCommand,
  statsCommand,
  digestCommand,
  watchCommand,
  feedsCommand,
  helpCommand(() => commands),
];

export const registry = createRegistry(commands);
