// Any user text is safe: FTS5 syntax, quotes, stars, NEAR, control characters, odd Unicode,
// 10 KB pastes. Every command answers with a reply, never a crash or an SQL error; and any
// file content ingests or is rejected cleanly.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../commands/index.ts';
import { dispatchLine } from '../src/command/dispatch.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { silentLogger } from '../src/logging.ts';
import { corpusArchive, type TestArchive } from './support/archive.ts';

let fixture: TestArchive;
beforeAll(async () => {
  fixture = await corpusArchive();
});
afterAll(() => fixture.cleanup());

function ask(line: string) {
  return dispatchLine(
    registry,
    line,
    {
      archive: fixture.archive,
      clock: { now: () => new Date('2026-11-24T12:00:00Z') },
      timeZone: 'Europe/Oslo',
      logger: { ...silentLogger, error: (message, fields) => { throw new Error(`logged an error: ${message} ${JSON.stringify(fields)}`); } },
      caller: { platform: 'console' },
      pageSize: 10,
    },
    'search',
  );
}

const NASTY = [
  'AND(', 'OR', 'NOT', 'NEAR(putin trump, 2)', '"unbalanced', '*', 'put*', '-trump', 'title:putin', '^putin', '{', '}',
  "'; DROP TABLE articles; --", '\u0000', '\u0007', '\u202E', '\uD800', '🙂', 'Ａｂｃ', 'ǅ', 'ß', 'İ', 'ﬁ', 'e\u0301', '\r\n', '\t',
];

describe('queries', () => {
  it.each(NASTY.flatMap((text) => [`/search ${text}`, `/summit ${text}`, `/search putin ${text} trump`, `/onthisday ${text}`, text]))(
    'answers %j without crashing',
    async (line) => {
      const reply = await ask(line);
      expect(['results', 'info', 'error']).toContain(reply.kind);
      expect(JSON.stringify(reply)).not.toMatch(/SQLITE|syntax error|fts5:|at .*\.ts:\d+/i);
    },
  );

  it('answers a 10 KB query, using only its first words and saying so', async () => {
    const reply = await ask(`/search ${'putin trump møde '.repeat(700)}`);
    expect(reply.kind).toBe('results');
    expect(reply.text).toMatch(/Only the first/);
  });

  it('survives arbitrary text for every command (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/search ', '/summit ', '/onthisday ', '/stats ', '/help ', '', '/x'),
        fc.string({ unit: fc.constantFrom(...'abcæøå AND OR NEAR ( ) " * : - ^ { } \u0000 \u00a0 ø 🙂 putin trump'.split('')), maxLength: 200 }),
        async (command, text) => {
          const reply = await ask(command + text);
          expect(['results', 'info', 'error']).toContain(reply.kind);
          for (const item of reply.items) expect(item.excerpt.length).toBeLessThanOrEqual(300);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('file input', () => {
  it('ingests or cleanly rejects any bytes, and the archive stays searchable', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.string({ maxLength: 400 }), async (bytes, text) => {
        n += 1;
        const file = join(fixture.dir, `fuzz-${n}.txt`);
        writeFileSync(file, n % 2 === 0 ? Buffer.from(bytes) : ` date 20${text.slice(0, 5)} ${text}`);
        const report = await ingest(fixture.archive, [file]);
        expect(report.added.length + report.rejected.length + report.unchanged.length).toBe(1);
        for (const rejected of report.rejected) expect(rejected.reason.length).toBeGreaterThan(3);
      }),
      { numRuns: 150 },
    );
    const reply = await ask('/summit putin trump');
    expect(reply.total).toBeGreaterThanOrEqual(4);
  });
});
