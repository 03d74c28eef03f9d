import { randomUUID } from 'node:crypto';
import { phoneOf, type RequestContext, runIdempotent } from '../access/index.js';
import {
  AlertLimitError,
  BusinessError,
  checkInteger,
  cleanText,
  collect,
  ForbiddenError,
  InvalidInputError,
  type Money,
  NotFoundError,
  pauseAfterLostRace,
  validateMoney,
} from '../common/index.js';
import { canonicalCommodity } from './commodity-names.js';
import { normalizeName, normalizePlace } from './market-price.js';
import { freeNumber, MAX_ALERTS_PER_PHONE, type PhoneAlerts, type PriceAlert } from './price-alert.js';
import { deleteAlert, getPhoneAlerts, putAlert } from './price-alert-repository.js';

/** Changes to one phone's alerts race only with that phone's own: each round one wins, a loser reads again. */
const ALERT_ATTEMPTS = 10;

function callerPhone(ctx: RequestContext): string | ForbiddenError {
  return phoneOf(ctx.principal) ?? new ForbiddenError('only a phone has price alerts');
}

const emptyList = (phone: string): PhoneAlerts => ({ phone, alerts: [], version: 0 });

/** The caller's price alerts, by number. */
export async function myPriceAlerts(ctx: RequestContext): Promise<PriceAlert[] | BusinessError> {
  const phone = callerPhone(ctx);
  if (phone instanceof BusinessError) return phone;
  return ((await getPhoneAlerts(ctx.store, phone)) ?? emptyList(phone)).alerts;
}

interface AddPriceAlertInput {
  commodity: string;
  market?: string | null;
  unit?: string | null;
  threshold: Money;
  direction: PriceAlert['direction'];
  idempotencyKey?: string | null;
}

export async function addPriceAlert(ctx: RequestContext, input: AddPriceAlertInput): Promise<PriceAlert | BusinessError> {
  const phone = callerPhone(ctx);
  if (phone instanceof BusinessError) return phone;
  const valid = collect({
    commodity: cleanText('commodity', input.commodity, 40),
    market: input.market ? cleanText('market', input.market, 40) : null,
    unit: cleanText('unit', input.unit ?? 'kg', 16),
    threshold: validateMoney('threshold', input.threshold),
  });
  if (valid instanceof BusinessError) return valid;
  if (valid.market?.includes('#') || valid.unit.includes('#')) return new InvalidInputError('market', 'a market or unit has no #');
  const wanted = {
    commodity: canonicalCommodity(valid.commodity),
    market: valid.market === null ? null : normalizePlace(valid.market),
    unit: normalizeName(valid.unit),
    threshold: valid.threshold,
    direction: input.direction,
  };
  return runIdempotent(ctx, 'addPriceAlert', {
    key: input.idempotencyKey,
    request: wanted,
    write: async (guard) => {
      for (let attempt = 0; attempt < ALERT_ATTEMPTS; attempt++) {
        if (attempt > 0) await pauseAfterLostRace(attempt);
        const list = (await getPhoneAlerts(ctx.store, phone)) ?? emptyList(phone);
        const number = freeNumber(list.alerts);
        if (number === null) return new AlertLimitError(MAX_ALERTS_PER_PHONE);
        const alert: PriceAlert = { id: randomUUID(), number, phone, ...wanted, createdAt: ctx.now().toISOString() };
        const next = { phone, alerts: [...list.alerts, alert].sort((a, b) => a.number - b.number), version: list.version + 1 };
        const outcome = await putAlert(ctx.store, next, list.version, alert, guard.idempotency(alert.id));
        if (outcome !== 'stale') return outcome === 'done' ? alert : 'repeat';
      }
      throw new Error(`addPriceAlert gave up after ${ALERT_ATTEMPTS} attempts`);
    },
    load: async (id) => (await getPhoneAlerts(ctx.store, phone))?.alerts.find((alert) => alert.id === id) ?? null,
  });
}

/** Removes the caller's alert of that number; answers with the alerts left. */
export async function removePriceAlert(
  ctx: RequestContext,
  input: { number: number; idempotencyKey?: string | null },
): Promise<PriceAlert[] | BusinessError> {
  const phone = callerPhone(ctx);
  if (phone instanceof BusinessError) return phone;
  const number = checkInteger('number', input.number, 1, MAX_ALERTS_PER_PHONE);
  if (number instanceof BusinessError) return number;
  return runIdempotent(ctx, 'removePriceAlert', {
    key: input.idempotencyKey,
    request: { number },
    write: async (guard) => {
      for (let attempt = 0; attempt < ALERT_ATTEMPTS; attempt++) {
        if (attempt > 0) await pauseAfterLostRace(attempt);
        const list = (await getPhoneAlerts(ctx.store, phone)) ?? emptyList(phone);
        const alert = list.alerts.find((a) => a.number === number);
        if (!alert) return new NotFoundError('price alert', String(number));
        const next = { phone, alerts: list.alerts.filter((a) => a !== alert), version: list.version + 1 };
        const outcome = await deleteAlert(ctx.store, next, list.version, alert, guard.idempotency(alert.id));
        if (outcome !== 'stale') return outcome === 'done' ? next.alerts : 'repeat';
      }
      throw new Error(`removePriceAlert gave up after ${ALERT_ATTEMPTS} attempts`);
    },
    // A repeat answers with the alerts as they are now.
    load: async () => ((await getPhoneAlerts(ctx.store, phone)) ?? emptyList(phone)).alerts,
  });
}
