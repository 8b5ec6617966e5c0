// Checks a feed URL typed by an admin or written in config/: it must be an absolute http(s)
// URL, and is stored in one canonical spelling so the same feed is never added twice.

export type FeedUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

/** Slack may send a pasted link as "<https://…>" or "<https://…|label>". */
const SLACK_LINK = /^<([^|>]+)(?:\|[^>]*)?>$/;

export function checkFeedUrl(text: string): FeedUrlCheck {
  const trimmed = text.trim();
  const candidate = SLACK_LINK.exec(trimmed)?.[1] ?? trimmed;
  if (candidate === '') return { ok: false, reason: 'Give the feed\'s address, e.g. /feeds add https://www.dr.dk/nyheder/service/feeds/allenyheder' };
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: `"${candidate.slice(0, 80)}" is not a URL; give the full address, starting with https://` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `Only http and https feeds can be polled, not ${url.protocol.replace(/:$/, '')}: URLs.` };
  }
  // The URL is shown to everyone in /feeds list and in notices; credentials do not belong there.
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'Feed URLs with a user name or password are not accepted (they would be shown in /feeds list).' };
  }
  url.hash = '';
  return { ok: true, url: url.href };
}
