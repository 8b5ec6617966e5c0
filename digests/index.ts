// The digest kinds almanak can post, listed explicitly.
import type { DigestKind } from './kind.ts';
import { onThisDayDigest } from './on-this-day.ts';

export const digestKinds: readonly DigestKind[] = [onThisDayDigest];

export function findDigestKind(name: string): DigestKind | undefined {
  return digestKinds.find((kind) => kind.name === name);
}

export type { DigestKind };
