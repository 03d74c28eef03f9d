import { randomUUID } from 'node:crypto';
import { describePrincipal, type IdempotencyGuard, type RequestContext, requireWriter, runIdempotent } from '../access/index.js';
import {
  BusinessError,
  cleanText,
  collect,
  ForbiddenError,
  InvalidInputError,
  type Money,
  pauseAfterLostRace,
  validateMoney,
} from '../common/index.js';
import { canonicalCommodity } from './commodity-names.js';
import { addToBook, type MarketSummary, normalizeName, normalizePlace, type PriceReport, summarize, windowStart } from './market-price.js';
import { type MarketReference, marketReference } from './market-reference.js';
import { priceReportSortKey } from './price-items.js';
import {
  getPriceReport,
  isCenterPartner,
  listMarketSummaries,
  listPriceCommodities,
  putPriceReport,
  readBookForReport,
} from './price-repository.js';

/** Reports to one market race for its book: each round one of them wins, and a loser reads it again, this many times at most. */
const REPORT_ATTEMPTS = 25;

interface ReportPriceInput {
  commodity: string;
  market: string;
  unit: string;
  price: Money;
  /** A partner's report: counted even outside the market's spread. */
  verified?: boolean | null;
  idempotencyKey?: string | null;
}

/** Administrators and the partners who run a center may mark their reports as verified. */
async function mayVerify(ctx: RequestContext): Promise<boolean> {
  if (ctx.principal.kind === 'ADMIN') return true;
  return ctx.principal.kind === 'PHONE' && (await isCenterPartner(ctx.store, ctx.principal.phone));
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
  // '#' separates the parts of the keys a market's figures live under.
  if (valid.market.includes('#') || valid.unit.includes('#')) return new InvalidInputError('market', 'a market or unit has no #');
  const verified = input.verified === true;
  if (verified && !(await mayVerify(ctx))) return new ForbiddenError("only a center's partner may verify a report");
  const report: Omit<PriceReport, 'standing'> = {
    id: randomUUID(),
    commodity: canonicalCommodity(valid.commodity),
    market: normalizePlace(valid.market),
    unit: normalizeName(valid.unit),
    price: valid.price,
    reportedAt: ctx.now().toISOString(),
    reportedBy: describePrincipal(ctx.principal),
    verified,
  };
  const request = { commodity: report.commodity, market: report.market, unit: report.unit, price: report.price, verified };
  return runIdempotent(ctx, 'reportPrice', {
    key: input.idempotencyKey,
    request,
    writeReadsRecord: true,
    write: (guard) => writeReport(ctx, report, guard),
    load: (sortKey) => getPriceReport(ctx.store, report.commodity, sortKey),
  });
}

/** Adds the report to its market's book and figures; a report that changed the book meanwhile makes it read again. */
async function writeReport(
  ctx: RequestContext,
  report: Omit<PriceReport, 'standing'>,
  guard: IdempotencyGuard<PriceReport>,
): Promise<PriceReport | 'repeat' | BusinessError> {
  for (let attempt = 0; attempt < REPORT_ATTEMPTS; attempt++) {
    if (attempt > 0) await pauseAfterLostRace(attempt);
    const read = await readBookForReport(ctx.store, report.commodity, report.market, guard.record, ctx.now());
    if (read.idempotency) return guard.replay(read.idempotency);
    const { book, standing } = addToBook(read.book, report);
    const placed = { ...report, standing };
    const summaries = summarize(book);
    const kept = new Set(summaries.map((s) => `${s.unit}#${s.currency}`));
    const before = read.book ? summarize(read.book) : [];
    const gone = before.filter((s) => !kept.has(`${s.unit}#${s.currency}`));
    const write = { report: placed, book, readVersion: read.book?.version ?? 0, summaries, gone };
    const outcome = await putPriceReport(ctx.store, write, guard.idempotency(priceReportSortKey(report)));
    if (outcome === 'done') return placed;
    if (outcome === 'repeat') return 'repeat';
  }
  throw new Error(`reportPrice gave up after ${REPORT_ATTEMPTS} attempts`);
}

export async function marketPrices(ctx: RequestContext, commodity: string, market: string | null): Promise<MarketSummary[]> {
  // Names longer than any we store cannot match; they must not reach DynamoDB's key size limit either.
  if (commodity.length > 40 || (market?.length ?? 0) > 40) return [];
  const wanted = market ? normalizePlace(market) : null;
  // A market's figures cover the window before its newest report; a market silent for longer is not shown.
  const since = windowStart(ctx.now()).slice(0, 10);
  const summaries = await listMarketSummaries(ctx.store, canonicalCommodity(commodity), wanted);
  return summaries.filter((s) => s.latestDate >= since && (wanted === null || s.market === wanted));
}

/** What there are prices for: commodities in alphabetical order (or the one asked for, if it has prices). */
export async function priceCommodities(ctx: RequestContext, only: string | null): Promise<{ commodity: string }[]> {
  const commodities = (await listPriceCommodities(ctx.store)).sort((a, b) => a.localeCompare(b));
  const wanted = only === null ? null : canonicalCommodity(only);
  return commodities.filter((commodity) => wanted === null || commodity === wanted).map((commodity) => ({ commodity }));
}

/** The markets a commodity has prices from, by name. */
export async function commodityMarkets(ctx: RequestContext, commodity: string): Promise<string[]> {
  return [...new Set((await listMarketSummaries(ctx.store, commodity, null)).map((s) => s.market))];
}

/** The market price a seller's listing of a commodity is compared with (see `marketReference`); null without one. */
export async function marketReferenceOf(
  ctx: RequestContext,
  listing: { commodity: string; unit: string; price: Money; market: string | null },
): Promise<MarketReference | null> {
  const summaries = await marketPrices(ctx, listing.commodity, null);
  const market = listing.market === null ? null : normalizePlace(listing.market);
  return marketReference(summaries, { unit: listing.unit, price: listing.price, market }, ctx.now());
}
