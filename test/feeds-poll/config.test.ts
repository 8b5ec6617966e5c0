// The feeds, feedPolicy and watch sections of config/: defaults, and a bad value named by key.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/load.ts';
import type { AlmanakConfig } from '../../config/schema.ts';

const load = (overrides: Record<string, unknown>) => loadConfig({ env: {}, overrides: overrides as Partial<AlmanakConfig> });

describe('feed and watch config', () => {
  it('has defaults', () => {
    const config = load({});
    expect(config.feeds).toEqual([]);
    expect(config.feedPolicy).toEqual({ timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, failureNoticeAfter: 3, maxBackoffMinutes: 360 });
    expect(config.watch).toEqual({ batchMinutes: 10 });
  });

  it('fills in a feed\'s interval and a partial policy', () => {
    const config = load({ feeds: [{ url: 'https://nrk.no/toppsaker.rss', language: 'no' }], feedPolicy: { adminChannel: 'slack:CADMIN' } });
    expect(config.feeds).toEqual([{ url: 'https://nrk.no/toppsaker.rss', language: 'no', intervalMinutes: 15 }]);
    expect(config.feedPolicy).toMatchObject({ adminChannel: 'slack:CADMIN', failureNoticeAfter: 3, timeoutMs: 15_000 });
  });

  it.each([
    [{ feeds: [{ url: 'ftp://nrk.no/rss' }] }, 'config key "feeds.0.url" must be an http(s) URL'],
    [{ feeds: [{ url: 'https://nrk.no/rss', intervalMinutes: 0 }] }, 'config key "feeds.0.intervalMinutes"'],
    [{ feeds: [{ url: 'https://nrk.no/rss', language: 'sv' }] }, 'config key "feeds.0.language"'],
    [{ feeds: [{ url: 'https://nrk.no/rss' }, { url: 'https://nrk.no/rss' }] }, 'config key "feeds" lists the same feed URL twice'],
    [{ feedPolicy: { adminChannel: 'C123' } }, 'config key "feedPolicy.adminChannel" must look like slack:C0123'],
    [{ watch: { batchMinutes: 0 } }, 'config key "watch.batchMinutes"'],
  ])('names the bad key in %j', (overrides, message) => {
    expect(() => load(overrides)).toThrow(ConfigError);
    expect(() => load(overrides)).toThrow(message);
  });
});
