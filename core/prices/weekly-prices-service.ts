import { phoneOf, type RequestContext, runIdempotent } from '../access/index.js';
import { BusinessError, cleanText, ForbiddenError } from '../common/index.js';
import { weeklySlotOf } from '../db/index.js';
import { canonicalCommodity } from './commodity-names.js';
import type { WeeklyPrices } from './weekly-prices.js';
import { deleteWeeklyPrices, getWeeklyPrices, putWeeklyPrices } from './weekly-prices-repository.js';

function callerPhone(ctx: RequestContext): string | ForbiddenError {
  return phoneOf(ctx.principal) ?? new ForbiddenError('only a phone gets weekly prices');
}

/** One weekly SMS of a commodity's prices; a phone has one, so a new commodity replaces the old. */
export async function startWeeklyPrices(
  ctx: RequestContext,
  input: { commodity: string; idempotencyKey?: string | null },
): Promise<WeeklyPrices | BusinessError> {
  const phone = callerPhone(ctx);
  if (phone instanceof BusinessError) return phone;
  const commodity = cleanText('commodity', input.commodity, 40);
  if (commodity instanceof BusinessError) return commodity;
  const weekly: WeeklyPrices = {
    phone,
    commodity: canonicalCommodity(commodity),
    hourOfWeek: weeklySlotOf(phone),
    createdAt: ctx.now().toISOString(),
  };
  return runIdempotent(ctx, 'startWeeklyPrices', {
    key: input.idempotencyKey,
    request: { commodity: weekly.commodity },
    write: async (guard) => ((await putWeeklyPrices(ctx.store, weekly, guard.idempotency(phone))) === 'done' ? weekly : 'repeat'),
    load: () => getWeeklyPrices(ctx.store, phone),
  });
}

/** Stops the caller's weekly prices; true when they were on. Stopping twice changes nothing more. */
export async function stopWeeklyPrices(ctx: RequestContext): Promise<boolean | BusinessError> {
  const phone = callerPhone(ctx);
  if (phone instanceof BusinessError) return phone;
  return deleteWeeklyPrices(ctx.store, phone);
}
