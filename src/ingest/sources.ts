// Expands what a user names on `almanak ingest` (files, folders, feed URLs) into the list of
// things to read, each with the identity it gets in the archive.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

export type SourceLocation =
  | { readonly kind: 'file'; readonly path: string; readonly name: string }
  | { readonly kind: 'feed'; readonly location: string };

export interface Expansion {
  readonly sources: SourceLocation[];
  readonly rejected: { readonly location: string; readonly reason: string }[];
}

const FEED_FILE = /\.(xml|rss|atom|rdf)$/i;
const ARTICLE_FILE = /\.(txt|text)$/i;

function walk(dir: string, root: string, out: SourceLocation[], rejected: Expansion['rejected']): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    rejected.push({ location: dir, reason: (error as Error).message });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, root, out, rejected);
    else if (FEED_FILE.test(entry.name)) out.push({ kind: 'feed', location: path });
    else if (ARTICLE_FILE.test(entry.name)) out.push({ kind: 'file', path, name: relative(root, path).split('\\').join('/') });
  }
}

export function expandLocations(locations: readonly string[]): Expansion {
  const sources: SourceLocation[] = [];
  const rejected: Expansion['rejected'] = [];
  for (const location of locations) {
    if (/^https?:\/\//i.test(location)) {
      sources.push({ kind: 'feed', location });
      continue;
    }
    let stats;
    try {
      stats = statSync(location);
    } catch {
      rejected.push({ location, reason: 'no such file, folder or URL' });
      continue;
    }
    if (stats.isDirectory()) walk(location, location, sources, rejected);
    else if (FEED_FILE.test(location)) sources.push({ kind: 'feed', location });
    else sources.push({ kind: 'file', path: location, name: basename(location) });
  }
  return { sources, rejected };
}
