// Asserts a message body is within every Discord embed limit.
import { expect } from 'vitest';
import { LIMITS } from '../../src/platforms/discord/limits.ts';

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}

export function expectWithinLimits(body: { embeds?: Embed[]; content?: string }): void {
  const embeds = body.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  let total = 0;
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fieldsPerEmbed);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      total += field.name.length + field.value.length;
    }
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedCharactersPerMessage);
  expect(body.content?.length ?? 0).toBeLessThanOrEqual(2000);
}
