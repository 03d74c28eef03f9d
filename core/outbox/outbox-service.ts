import { phoneOf, type RequestContext } from '../access/index.js';
import { BusinessError, checkPageRequest, cleanPhone, ForbiddenError, notACursor, type PageRequest } from '../common/index.js';
import type { Page } from '../db/index.js';
import type { OutboxMessage } from './outbox-message.js';
import { listOutbox } from './outbox-repository.js';

/** What a phone was sent: admins may ask for any phone, a phone for itself. */
export async function outboxOf(ctx: RequestContext, phone: string, request: PageRequest): Promise<Page<OutboxMessage> | BusinessError> {
  const number = cleanPhone('phone', phone);
  if (number instanceof BusinessError) return number;
  if (ctx.principal.kind !== 'ADMIN' && phoneOf(ctx.principal) !== number)
    return new ForbiddenError("you may see only your own phone's messages");
  const page = checkPageRequest(request);
  if (page instanceof BusinessError) return page;
  return (await listOutbox(ctx.store, number, page)) ?? notACursor();
}
