// The Slack adapter's public face: start it, or describe it to Slack as an app manifest.
export { startSlack, type SlackOptions, type SlackRuntime } from './start.ts';
export { slackManifest, SlackManifestError, SLACK_BOT_SCOPES, SLACK_EVENTS_PATH, type SlackManifest } from './manifest.ts';
export { SlackStartError } from './transport.ts';
export { createWebApiPoster } from './poster.ts';
export { renderReply, type SlackMessage } from './render.ts';
export { escapeMrkdwn } from './escape.ts';
export { defaultRetryPolicy, type RetryPolicy } from './retry.ts';
