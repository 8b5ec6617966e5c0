// Writes the synthetic benchmark corpus: N articles of about 3 KB in almanak's corpus file
// format (optional " date YYYY-MM[-DD] " marker, headline, blank-line paragraphs), Danish and
// Norwegian, recombined from the bundled corpus's sentences with a Zipf-drawn cast of leaders.
// Seeded, so the same N and seed give byte-identical files; a finished corpus is reused.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAST_SIZE, loadTemplates, type CorpusLanguage, type SentenceTemplate, type TemplatePool } from './corpus-templates.ts';
import { genitive, LEADERS, type Leader } from './leaders.ts';
import { createRng, cumulative, zipfWeights, type Rng } from './rng.ts';

/** Bump when the generated text changes, so stale corpora on disk are not reused. */
export const GENERATOR_VERSION = 1;
export const FILES_PER_FOLDER = 1000;

export interface CorpusManifest {
  readonly version: number;
  readonly articles: number;
  readonly seed: number;
  readonly bytes: number;
  readonly languages: Record<CorpusLanguage, number>;
  readonly dates: { readonly day: number; readonly month: number; readonly undated: number };
  /** How many articles name each leader (short form), for reading query results. */
  readonly leaderArticles: Record<string, number>;
}

const MONTHS: Record<CorpusLanguage, readonly string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  no: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
};
const WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
const PLACES = ['Helsinki', 'Genève', 'Wien', 'Singapore', 'Hanoi', 'Osaka', 'Biarritz', 'Bruxelles', 'Anchorage', 'Riyadh',
  'Istanbul', 'Minsk', 'Paris', 'Berlin', 'Washington', 'Beijing', 'Moskva', 'Kyiv', 'London', 'Rom', 'Madrid', 'Vilnius',
  'Reykjavik', 'Oslo', 'København', 'Stockholm', 'Tokyo', 'Seoul', 'New Delhi', 'Ankara', 'Budapest', 'Warszawa', 'Hamburg',
  'Sotsji', 'Argentina', 'Tyskland', 'Tyrkia', 'Idlib', 'Kursk', 'Salisbury', 'Davos', 'Camp David', 'Mar-a-Lago', 'Doha'];

const leaderPicks = cumulative(zipfWeights(LEADERS.length, 1.0));

function drawCast(rng: Rng): Leader[] {
  const cast: Leader[] = [];
  while (cast.length < CAST_SIZE) {
    const leader = LEADERS[rng.weighted(leaderPicks)]!;
    if (!cast.includes(leader)) cast.push(leader);
  }
  return cast;
}

interface ArticleDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

function drawDate(rng: Rng): ArticleDate | undefined {
  const roll = rng.next();
  if (roll < 0.2) return undefined;
  const year = rng.int(2000, 2025);
  const month = rng.int(1, 12);
  return roll < 0.6 ? { year, month } : { year, month, day: rng.int(1, 28) };
}

const pad = (n: number) => String(n).padStart(2, '0');

function fill(template: SentenceTemplate, cast: readonly Leader[], language: CorpusLanguage, date: ArticleDate | undefined, rng: Rng): string {
  return template.text.replace(/⟦(\d)?([FHSGMDYWP])⟧/g, (_m, slot: string | undefined, kind: string) => {
    const leader = cast[Number(slot ?? 0)]!;
    switch (kind) {
      case 'F': return leader.full;
      case 'H': return genitive(leader.full);
      case 'S': return leader.short;
      case 'G': return genitive(leader.short);
      case 'M': return rng.pick(MONTHS[language]);
      case 'D': return String(rng.int(1, 28));
      case 'Y': return String(date ? date.year - rng.int(0, 3) : rng.int(1998, 2025));
      case 'W': return rng.pick(WEEKDAYS);
      default: return rng.pick(PLACES);
    }
  });
}

/** One article's file content; counts the leaders it names into `named`. */
function generateArticle(rng: Rng, pools: Record<CorpusLanguage, TemplatePool>, stats: { language: CorpusLanguage; date: ArticleDate | undefined; named: Set<string> }): string {
  const { language, date } = stats;
  const pool = pools[language];
  const cast = drawCast(rng);
  const headline = fill(rng.pick(pool.headlines), cast, language, date, rng);
  // Sentences without repeats inside an article (until the pool runs out).
  const order = [...pool.sentences.keys()];
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const target = rng.int(2500, 3400);
  const paragraphs: string[] = [];
  let length = headline.length;
  let next = 0;
  while (length < target) {
    const count = rng.int(1, 3);
    const sentences: string[] = [];
    for (let k = 0; k < count; k += 1) {
      const template = pool.sentences[order[next++ % order.length]!]!;
      if (template.heading && sentences.length > 0) break;
      sentences.push(fill(template, cast, language, date, rng));
      if (template.heading) break;
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  const text = `${headline}\n\n${paragraphs.join('\n\n')}\n`;
  for (const leader of cast) if (text.includes(leader.short)) stats.named.add(leader.short);
  if (!date) return text;
  const stamp = date.day ? `${date.year}-${pad(date.month!)}-${pad(date.day)}` : `${date.year}-${pad(date.month!)}`;
  return ` date ${stamp} ${text}`;
}

export function corpusDirFor(outDir: string, articles: number, seed: number): string {
  return join(outDir, `corpus-v${GENERATOR_VERSION}-n${articles}-s${seed}`);
}

/** Generates the corpus (or reuses a finished one) and returns its folder and manifest. */
export function ensureCorpus(options: { outDir: string; articles: number; seed: number; sourceDir: string; fresh?: boolean }): { dir: string; manifest: CorpusManifest; reused: boolean } {
  const dir = corpusDirFor(options.outDir, options.articles, options.seed);
  const manifestPath = join(dir, '.manifest.json');
  if (!options.fresh && existsSync(manifestPath)) {
    return { dir, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusManifest, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  const pools = loadTemplates(options.sourceDir);
  const rng = createRng(options.seed);
  const manifest = {
    version: GENERATOR_VERSION, articles: options.articles, seed: options.seed, bytes: 0,
    languages: { da: 0, no: 0 }, dates: { day: 0, month: 0, undated: 0 }, leaderArticles: {} as Record<string, number>,
  };
  for (let index = 0; index < options.articles; index += 1) {
    const folder = join(dir, String(Math.floor(index / FILES_PER_FOLDER)).padStart(3, '0'));
    if (index % FILES_PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    const stats = { language: (rng.chance(0.5) ? 'da' : 'no') as CorpusLanguage, date: drawDate(rng), named: new Set<string>() };
    const content = generateArticle(rng, pools, stats);
    const bytes = Buffer.from(content, 'utf8');
    writeFileSync(join(folder, `${String(index).padStart(6, '0')}.txt`), bytes);
    manifest.bytes += bytes.length;
    manifest.languages[stats.language] += 1;
    manifest.dates[stats.date?.day ? 'day' : stats.date ? 'month' : 'undated'] += 1;
    for (const name of stats.named) manifest.leaderArticles[name] = (manifest.leaderArticles[name] ?? 0) + 1;
  }
  // Written last: its presence marks a complete corpus.
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest, reused: false };
}
