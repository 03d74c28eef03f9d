import { randomUUID } from 'node:crypto';
import { describePrincipal, once, type RequestContext, requireWriter } from '../access/index.js';
import { BusinessError, cleanText, collect, type Money, validateMoney } from '../common/index.js';
import { canonicalCommodity } from './commodity-names.js';
import { type MarketSummary, normalizeName, normalizePlace, PRICE_WINDOW_DAYS, type PriceReport, summarize } from './market-price.js';
import {
  getPriceReport,
  listPriceCommodities,
  listPriceMarkets,
  listPriceReports,
  priceReportSortKey,
  putPriceReport,
} from './price-repository.js';

interface ReportPriceInput {
  commodity: string;
  market: string;
  unit: string;
  price: Money;
  idempotencyKey?: string | null;
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
    commodity: canonicalCommodity(valid.commodity),
    market: normalizePlace(valid.market),
    unit: normalizeName(valid.unit),
    price: valid.price,
    reportedAt: ctx.now().toISOString(),
    reportedBy: describePrincipal(ctx.principal),
  };
  const request = { commodity: report.commodity, market: report.market, unit: report.unit, price: report.price };
  return once(ctx, 'reportPrice', {
    key: input.idempotencyKey,
    request,
    write: async ({ idempotency }) =>
      (await putPriceReport(ctx.store, report, idempotency(priceReportSortKey(report)))) === 'done' ? report : 'repeat',
    load: (sortKey) => getPriceReport(ctx.store, report.commodity, sortKey),
  });
}

export async function marketPrices(ctx: RequestContext, commodity: string, market: string | null): Promise<MarketSummary[]> {
  // Names longer than any we store cannot match; they must not reach DynamoDB's key size limit either.
  if (commodity.length > 40 || (market?.length ?? 0) > 40) return [];
  const since = new Date(ctx.now().getTime() - PRICE_WINDOW_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const reports = await listPriceReports(ctx.store, canonicalCommodity(commodity), since, market ? normalizePlace(market) : null);
  return summarize(reports);
}

/** What there are prices for: commodities in alphabetical order (or the one asked for, if it has prices). */
export async function priceCommodities(ctx: RequestContext, only: string | null): Promise<{ commodity: string }[]> {
  const commodities = (await listPriceCommodities(ctx.store)).sort((a, b) => a.localeCompare(b));
  const wanted = only === null ? null : canonicalCommodity(only);
  return commodities.filter((commodity) => wanted === null || commodity === wanted).map((commodity) => ({ commodity }));
}

/** The markets a commodity has prices from, by name. */
export async function commodityMarkets(ctx: RequestContext, commodity: string): Promise<string[]> {
  return listPriceMarkets(ctx.store, commodity);
}
