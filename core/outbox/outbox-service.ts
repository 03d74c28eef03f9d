import { phoneOf, type RequestContext } from '../access/index.js';
import { BusinessError, cleanPhone, ForbiddenError } from '../common/index.js';
import type { OutboxMessage } from './outbox-message.js';
import { listOutbox } from './outbox-repository.js';

/** What a phone was sent: admins may ask for any phone, a phone for itself. */
export async function outboxOf(ctx: RequestContext, phone: string, limit: number): Promise<OutboxMessage[] | BusinessError> {
  const number = cleanPhone('phone', phone);
  if (number instanceof BusinessError) return number;
  if (ctx.principal.kind !== 'ADMIN' && phoneOf(ctx.principal) !== number)
    return new ForbiddenError("you may see only your own phone's messages");
  return listOutbox(ctx.store, number, Math.min(Math.max(limit, 1), 50));
}
