// A reply as the messages almanak sends: rendered embeds, and under the last one a "More" button
// when there is a next page (its continuation saved in the store under a short id).
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { Archive } from '../../archive.ts';
import type { Clock } from '../../command/definition.ts';
import type { Reply } from '../../core/types.ts';
import { saveContinuation } from '../continuations.ts';
import { moreButtonRow } from './buttons.ts';
import { renderReply } from './embeds.ts';

/** On every message, reply, edit and follow-up: nothing almanak sends may ping anyone. */
export const NO_MENTIONS = { parse: [] } as const;

export interface OutgoingMessage {
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponent>[];
}

export function outgoingMessages(reply: Reply, archive: Archive, clock: Clock): OutgoingMessage[] {
  const rendered = renderReply(reply);
  const row = reply.next ? moreButtonRow(saveContinuation(archive.db, reply.next, clock.now()), reply.next) : undefined;
  return rendered.map((message, index) => ({
    embeds: message.embeds,
    // Always set, so an edit that replaces a page also removes a button that no longer applies.
    components: row && index === rendered.length - 1 ? [row] : [],
  }));
}
