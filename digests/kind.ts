// What a digest kind is: a name and a pure-ish builder from (archive, local day) to a neutral reply.
import type { Archive } from '../src/archive.ts';
import type { LocalDay } from '../src/core/dates.ts';
import type { Reply } from '../src/core/types.ts';

export interface DigestBuild {
  readonly reply: Reply;
  /** Nothing to report for this day (the subscription decides: skip, or post a notice). */
  readonly empty: boolean;
}

export interface DigestKind {
  readonly name: string;
  readonly description: string;
  build(archive: Archive, day: LocalDay, options: { readonly maxItems: number }): DigestBuild;
}
