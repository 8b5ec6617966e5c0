// Signs a request body exactly as Slack does: v0 HMAC-SHA256 of "v0:{timestamp}:{body}" with the
// app's signing secret, sent as X-Slack-Signature with X-Slack-Request-Timestamp.
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': slackSignature(signingSecret, timestamp, body),
  };
}
