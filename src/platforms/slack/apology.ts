// The one short answer a user gets when something fails on our side: only for them, with the
// error id that finds the stack in the log.
import { errorReply, type Reply } from '../../core/types.ts';

export function apology(what: string, errorId: string): Reply {
  return errorReply('Sorry, something went wrong', `That ${what} failed on our side. Error id: ${errorId}.`);
}
