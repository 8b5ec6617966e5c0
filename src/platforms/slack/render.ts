// Renders a neutral reply as one or more Slack messages: Block Kit blocks plus a fallback text,
// packed so that no message passes 50 blocks; the footer and "More" button go on the last one.
import type { Reply } from '../../core/types.ts';
import {
  SLACK_LIMITS,
  fieldBlocks,
  footerBlock,
  groupBlock,
  headerBlock,
  itemBlocks,
  moreBlock,
  mrkdwn,
  textBlocks,
  type SlackBlock,
} from './blocks.ts';
import { cutToFit } from './escape.ts';

export interface SlackMessage {
  /** Fallback for notifications and clients without Block Kit (mrkdwn, escaped). */
  readonly text: string;
  readonly blocks: SlackBlock[];
}

export interface RenderOptions {
  /** Id of the saved continuation behind the "More" button (when the reply has a next page). */
  readonly moreId?: string;
  /** At most this many messages; the rest of the answer is cut with a note. */
  readonly maxMessages?: number;
}

/** Characters of block text per message we stay under (Slack cuts message text past 40,000). */
const MESSAGE_CHAR_BUDGET = 30_000;
const FALLBACK_MAX = 300;

function blockChars(block: SlackBlock): number {
  return JSON.stringify(block).length;
}

function fallbackText(reply: Reply, continued: boolean): string {
  const count = reply.items.length > 0 ? ` (${reply.total} ${reply.total === 1 ? 'result' : 'results'})` : '';
  const lead = reply.kind === 'error' && reply.text ? `${reply.title}: ${reply.text}` : `${reply.title}${count}`;
  return cutToFit(continued ? `${lead}, continued` : lead, FALLBACK_MAX);
}

export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const head: SlackBlock[] = [headerBlock(reply.title), ...(reply.text ? textBlocks(reply.text) : []), ...fieldBlocks(reply.fields)];
  const units: SlackBlock[][] = [];
  let group: string | undefined;
  for (const item of reply.items) {
    const unit: SlackBlock[] = [];
    if (item.group && item.group !== group) unit.push(groupBlock(item.group));
    group = item.group;
    unit.push(...itemBlocks(item));
    units.push(unit);
  }
  const tail: SlackBlock[] = [];
  if (reply.footer) tail.push(footerBlock(reply.footer));
  if (reply.next && options.moreId) tail.push(moreBlock(options.moreId, reply.next, reply.page?.count));

  // Room is kept for the tail (and a "cut" note) in every message, so any message can be last.
  const capacity = SLACK_LIMITS.blocksPerMessage - tail.length - 1;
  const pages: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let chars = 0;
  const push = (blocks: readonly SlackBlock[]) => {
    const size = blocks.reduce((sum, block) => sum + blockChars(block), 0);
    if (current.length > 0 && (current.length + blocks.length > capacity || chars + size > MESSAGE_CHAR_BUDGET)) {
      pages.push(current);
      current = [];
      chars = 0;
    }
    current.push(...blocks);
    chars += size;
  };
  for (const block of head) push([block]);
  for (const unit of units) push(unit);
  pages.push(current);

  const maxMessages = Math.max(1, options.maxMessages ?? Number.POSITIVE_INFINITY);
  const kept = pages.slice(0, maxMessages);
  if (pages.length > kept.length) {
    kept[kept.length - 1]!.push({ type: 'context', elements: [mrkdwn('_The answer was cut here: it is too long for Slack._')] });
  }
  kept[kept.length - 1]!.push(...tail);
  return kept.map((blocks, index) => ({ text: fallbackText(reply, index > 0), blocks }));
}
