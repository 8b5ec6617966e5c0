// Who sees an answer: only the caller (ephemeral) unless they add public:true or the channel is
// one of config.slack.publicChannels; errors and apologies are always only for the caller.
import type { AlmanakConfig } from '../../../config/schema.ts';
import type { Reply } from '../../core/types.ts';

const PUBLIC_FLAG = /(?:^|\s)public[:=](true|false|yes|no|on|off)(?=\s|$)/gi;

/** Removes every `public:true|false` from the command text; the last one wins. */
export function takeVisibility(text: string): { readonly text: string; readonly public: boolean | undefined } {
  let wanted: boolean | undefined;
  const rest = text.replace(PUBLIC_FLAG, (_match, value: string) => {
    wanted = ['true', 'yes', 'on'].includes(value.toLowerCase());
    return ' ';
  });
  return { text: rest.replace(/\s+/g, ' ').trim(), public: wanted };
}

export interface Where {
  readonly channelId: string;
  readonly channelName?: string;
}

export function responseTypeFor(reply: Reply, wanted: boolean | undefined, where: Where, config: AlmanakConfig): 'ephemeral' | 'in_channel' {
  if (reply.kind === 'error') return 'ephemeral';
  if (wanted !== undefined) return wanted ? 'in_channel' : 'ephemeral';
  const listed = config.slack.publicChannels;
  const name = where.channelName?.replace(/^#/, '');
  const isPublic = listed.includes(where.channelId) || (name !== undefined && (listed.includes(name) || listed.includes(`#${name}`)));
  return isPublic ? 'in_channel' : 'ephemeral';
}
