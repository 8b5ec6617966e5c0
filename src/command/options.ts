// zod pieces shared by command options, each with a message a user can act on.
import { z } from 'zod';
import { parsePartialDate, type PartialDate } from '../core/dates.ts';

export const partialDateOption = z
  .string()
  .trim()
  .transform((text, context): PartialDate => {
    const date = parsePartialDate(text);
    if (!date) {
      context.addIssue({ code: 'custom', message: `"${text.slice(0, 40)}" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD` });
      return z.NEVER;
    }
    return date;
  });

export const languageOption = z.enum(['da', 'no', 'en'], { message: 'must be da, no or en' });

export const pageOption = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'must be 1000 or less');
