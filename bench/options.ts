// Command-line flags of the benchmark and its child processes: `--name value` or `--flag`.

export type Flags = ReadonlyMap<string, string | true>;

export function parseFlags(argv: readonly string[]): Flags {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}" (flags are --name value)`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) flags.set(name, inline);
    else if (next !== undefined && !next.startsWith('--')) {
      flags.set(name, next);
      i += 1;
    } else flags.set(name, true);
  }
  return flags;
}

export function intFlag(flags: Flags, name: string, fallback: number): number {
  const value = flags.get(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer, got "${String(value)}"`);
  return parsed;
}

export function stringFlag(flags: Flags, name: string, fallback?: string): string {
  const value = flags.get(name);
  if (typeof value === 'string') return value;
  if (fallback === undefined) throw new Error(`--${name} is required`);
  return fallback;
}
