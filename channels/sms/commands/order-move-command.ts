import type { Messages } from '../sms-messages.js';
import { type Cut, say } from '../sms-replies.js';
import type { Caller, SmsCommand, Words } from './command-types.js';
import { orderCodeOnly } from './command-words.js';
import { type Refusal, refusalReply } from './refusal-reply.js';

/** The commands that name an order and nothing else, and move it on: `ACCEPT <order>`, ... */
type OrderMoveName = 'ACCEPT' | 'ARRIVED' | 'CANCEL' | 'RECEIVED';

/**
 * A command that moves one order on by its code: `move` runs the mutation and answers with its
 * result (the order moved, or the outcome that stopped it); `reply` words the order moved.
 */
export function orderMoveCommand<Name extends OrderMoveName, Moved>(
  name: Name,
  move: (caller: Caller, orderCode: string) => Promise<{ data: Moved } | Refusal>,
  reply: (m: Messages, cut: Cut, moved: Moved) => string,
): SmsCommand<Name> {
  const command = {
    read: (words: Words) => orderCodeOnly(name, words),
    async run(caller: Caller, { orderCode }: { orderCode: string }) {
      const result = await move(caller, orderCode);
      if (!('data' in result)) return refusalReply(caller, result, name, orderCode);
      return say(caller.language, (m, cut) => reply(m, cut, result.data));
    },
  };
  // Each of these commands is { kind: Name; orderCode: string }; TypeScript cannot see that through the generic Name.
  return command as unknown as SmsCommand<Name>;
}
