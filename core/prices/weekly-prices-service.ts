import { phoneOf, type RequestContext, runIdempotent } from '../access/index.js';
import { BusinessError, cleanText, ForbiddenError } from '../common/index.js';
import { type Store, weeklySlotOf } from '../db/index.js';
import { type Notification, newOutboxMessage } from '../outbox/index.js';
import { canonicalCommodity } from './commodity-names.js';
import { windowStart } from './market-price.js';
import { listMarketSummaries } from './price-repository.js';
import { hourOfWeek, WEEKLY_MARKETS, type WeeklyPrices, weekOf } from './weekly-prices.js';
import { deleteWeeklyPrices, getWeeklyPrices, listWeeklyPrices, putWeeklyMessage, putWeeklyPrices } from './weekly-prices-repository.js';

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

/**
 * Run every hour: writes the weekly message of every phone whose hour of the week it is, with the
 * medians of its commodity's busiest markets and their trend, to the outbox (the sender sends it,
 * or skips it after STOP). A message is named by its week, so a second run in the hour writes none.
 */
export async function sendWeeklyPrices(store: Store, now: Date): Promise<Record<string, number>> {
  const week = weekOf(now);
  const since = windowStart(now).slice(0, 10);
  const messages = new Map<string, Notification | null>();
  const tally: Record<string, number> = {};
  for (const weekly of await listWeeklyPrices(store, hourOfWeek(now))) {
    if (!messages.has(weekly.commodity)) {
      const markets = (await listMarketSummaries(store, weekly.commodity, null))
        .filter((s) => s.latestDate >= since)
        .sort((a, b) => b.reportCount - a.reportCount || a.market.localeCompare(b.market))
        .slice(0, WEEKLY_MARKETS)
        .map((s) => ({
          market: s.market,
          unit: s.unit,
          median: { amount: s.median, currency: s.currency },
          changePercent: s.changePercent ?? null,
        }));
      messages.set(weekly.commodity, markets.length > 0 ? { kind: 'WEEKLY_PRICES', commodity: weekly.commodity, week, markets } : null);
    }
    const notification = messages.get(weekly.commodity) ?? null;
    const outcome = !notification
      ? 'no prices'
      : (await putWeeklyMessage(store, newOutboxMessage(weekly.phone, notification, now), now))
        ? 'written'
        : 'already written';
    tally[outcome] = (tally[outcome] ?? 0) + 1;
  }
  return tally;
}
