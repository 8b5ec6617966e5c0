// Command-line usage text and the error type for bad usage (one line, exit code 2, no stack).

export class UsageError extends Error {
  readonly code = 'usage';
}

export const USAGE = `usage: almanak <command> [options]

  start                       ingest corpus/ if needed, then serve Slack/Discord (when configured) or a local console
  ingest <files|dirs|urls…>   add articles and feeds to the archive
  ask "<command line>"        print one reply, e.g. almanak ask "/summit putin trump" [--json]
  digest run --date YYYY-MM-DD [--channel ID] [--dry-run]
                              run a day's digests by hand (dry run: print what would be posted)
  feeds poll [--feed URL]     poll the configured feeds now
  slack-manifest              print a Slack app manifest generated from the commands
  deploy-commands [--guild ID]  register the slash commands with Discord (bulk overwrite)

options (every command):
  --db PATH                   the archive's SQLite file (default data/almanak.db, or ALMANAK_DB)
  --config FILE               a JSON file merged over config/defaults.ts (or ALMANAK_CONFIG)
  --json                      print machine-readable JSON
  -h, --help                  this text`;
