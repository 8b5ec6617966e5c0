// Architecture boundary: only the platform adapters may import a chat SDK. The core, the
// commands and the digests stay platform-blind, so both platforms (and the console) share them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const ADAPTERS = ['src/platforms/slack', 'src/platforms/discord'];
const SDK = /from\s+['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+)['"]|import\(\s*['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+)['"]\s*\)/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('platform boundary', () => {
  it('no module outside the adapters imports discord.js or @slack/*', () => {
    const offenders = ['src', 'commands', 'digests', 'config']
      .flatMap((dir) => sources(join(ROOT, dir)))
      .map((path) => relative(ROOT, path))
      .filter((path) => !ADAPTERS.some((adapter) => path.startsWith(`${adapter}/`)))
      .filter((path) => SDK.test(readFileSync(join(ROOT, path), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check itself catches an SDK import', () => {
    expect(SDK.test("import { Client } from 'discord.js';")).toBe(true);
    expect(SDK.test("const { App } = await import('@slack/bolt');")).toBe(true);
    expect(SDK.test("import { z } from 'zod';")).toBe(false);
  });
});
