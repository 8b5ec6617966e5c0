// The "More" button under a paged reply: its custom_id carries only the short id of the
// continuation saved in the store (custom_id holds at most 100 characters).
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { Continuation } from '../../core/types.ts';

const PREFIX = 'more:';

export function moreCustomId(continuationId: string): string {
  return `${PREFIX}${continuationId}`;
}

/** The continuation id of a More button, or undefined for any other custom_id. */
export function parseMoreCustomId(customId: string): string | undefined {
  return customId.startsWith(PREFIX) ? customId.slice(PREFIX.length) : undefined;
}

export function moreButtonRow(continuationId: string, next: Continuation): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: `More (page ${next.page})`, custom_id: moreCustomId(continuationId) }],
  };
}
