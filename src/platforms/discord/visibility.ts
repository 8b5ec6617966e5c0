// Who sees an answer: only the caller (ephemeral) unless the channel is listed as public in the
// configuration, or the caller asked with `public`. DMs are private anyway: answers there stay.
export type Visibility = 'public' | 'ephemeral';

export function isPublicChannel(publicChannels: readonly string[], channelId: string | null): boolean {
  if (!channelId) return false;
  return publicChannels.some((entry) => entry === channelId || entry === `discord:${channelId}`);
}

export function visibilityFor(options: { requested?: Visibility; publicChannel: boolean; directMessage: boolean }): Visibility {
  if (options.requested) return options.requested;
  return options.publicChannel || options.directMessage ? 'public' : 'ephemeral';
}
