// almanak's Discord adapter: start it, register its commands, render replies for it.
export { startDiscord, DiscordStartError, type DiscordRuntime, type DiscordStartOptions } from './start.ts';
export { deployCommands, type DeployOptions, type DeployResult } from './deploy.ts';
export { commandPayloads, commandPayload, PUBLIC_OPTION } from './command-payloads.ts';
export { createChannelPoster, createRestPoster } from './poster.ts';
export { renderReply, type RenderedMessage } from './embeds.ts';
export { escapeMarkdown, neutraliseMentions } from './escape.ts';
export { LIMITS } from './limits.ts';
