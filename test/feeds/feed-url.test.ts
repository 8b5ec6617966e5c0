import { describe, expect, it } from 'vitest';
import { checkFeedUrl } from '../../src/feeds/feed-url.ts';

describe('checkFeedUrl', () => {
  it('accepts http(s) URLs in one canonical spelling, without the fragment', () => {
    expect(checkFeedUrl('  HTTPS://WWW.DR.DK/nyheder/rss#top ')).toEqual({ ok: true, url: 'https://www.dr.dk/nyheder/rss' });
    expect(checkFeedUrl('http://127.0.0.1:8080/feed.xml')).toEqual({ ok: true, url: 'http://127.0.0.1:8080/feed.xml' });
  });

  it('unwraps a link as Slack sends it', () => {
    expect(checkFeedUrl('<https://nrk.no/toppsaker.rss>')).toEqual({ ok: true, url: 'https://nrk.no/toppsaker.rss' });
    expect(checkFeedUrl('<https://nrk.no/toppsaker.rss|nrk.no/toppsaker.rss>')).toEqual({ ok: true, url: 'https://nrk.no/toppsaker.rss' });
  });

  it.each([
    ['', "Give the feed's address"],
    ['nrk.no/rss', 'is not a URL'],
    ['ftp://nrk.no/rss', 'Only http and https'],
    ['file:///etc/passwd', 'Only http and https'],
    ['https://user:secret@nrk.no/rss', 'user name or password'],
  ])('refuses %j', (text, reason) => {
    const checked = checkFeedUrl(text);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toContain(reason);
  });
});
