import { randomUUID } from 'node:crypto';
import { requireWriter } from './authorization.js';
import type { RequestContext } from './context.js';
import { BusinessError } from './errors.js';
import { type MarketSummary, normalizeName, normalizePlace, PRICE_WINDOW_DAYS, type PriceReport, summarize } from './market-price.js';
import { type Money, validateMoney } from './money.js';
import { describePrincipal } from './principal.js';
import { listPriceReports, putPriceReport } from './price-repository.js';
import { cleanText, collect } from './validation.js';

export interface ReportPriceInput {
  commodity: string;
  market: string;
  unit: string;
  price: Money;
}

export async function reportPrice(ctx: RequestContext, input: ReportPriceInput): Promise<PriceReport | BusinessError> {
  const readOnly = requireWriter(ctx.principal);
  if (readOnly) return readOnly;
  const valid = collect({
    commodity: cleanText('commodity', input.commodity, 40),
    market: cleanText('market', input.market, 40),
    unit: cleanText('unit', input.unit, 16),
    price: validateMoney('price', input.price),
  });
  if (valid instanceof BusinessError) return valid;
  const report: PriceReport = {
    id: randomUUID(),
    commodity: normalizeName(valid.commodity),
    market: normalizePlace(valid.market),
    unit: normalizeName(valid.unit),
    price: valid.price,
    reportedAt: ctx.now().toISOString(),
    reportedBy: describePrincipal(ctx.principal),
  };
  await putPriceReport(ctx.store, report);
  return report;
}

export async function marketPrices(ctx: RequestContext, commodity: string, market: string | null): Promise<MarketSummary[]> {
  const since = new Date(ctx.now().getTime() - PRICE_WINDOW_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const reports = await listPriceReports(ctx.store, normalizeName(commodity), since, market ? normalizePlace(market) : null);
  return summarize(reports);
}
