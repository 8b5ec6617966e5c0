// A recording ChannelPoster for delivery tests that do not need a platform on the wire (the
// end-to-end tests use the real SDKs against stand-in servers instead).
import type { Reply } from '../../src/core/types.ts';
import type { ChannelPoster, PlatformName, PostOutcome } from '../../src/platforms/types.ts';

export interface RecordingPoster extends ChannelPoster {
  readonly posts: { channelId: string; reply: Reply }[];
  /** Outcomes to return before succeeding, in order. */
  readonly failures: PostOutcome[];
}

export function recordingPoster(platform: PlatformName = 'slack'): RecordingPoster {
  const posts: { channelId: string; reply: Reply }[] = [];
  const failures: PostOutcome[] = [];
  return {
    platform,
    posts,
    failures,
    async post(channelId, reply) {
      const failure = failures.shift();
      if (failure) return failure;
      posts.push({ channelId, reply });
      return { ok: true, messageId: `m${posts.length}` };
    },
  };
}
