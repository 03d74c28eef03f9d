import type { Money } from '../common/index.js';
import { type MarketSummary, normalizeName } from './market-price.js';

/** A market's median shown to a seller who sets a price, and whether the price is far under it. */
export interface MarketReference {
  market: string;
  unit: string;
  median: Money;
  latestDate: string;
  daysSinceLatest: number;
  /** The asking price per the market's unit. */
  askingPerUnit: Money;
  /** The asking price is under BELOW_MARKET_SHARE of the median. */
  belowMarket: boolean;
}

/** A seller asking less than this share of the market's median is warned. */
export const BELOW_MARKET_SHARE = 0.7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The kilograms a unit holds when it says so ("5 kg bag": 5, "kg": 1), else null. */
export function kilogramsIn(unit: string): number | null {
  const match = /^(?:(\d+(?:\.\d+)?)\s*)?kg\b/.exec(normalizeName(unit));
  if (!match) return null;
  const kilograms = match[1] === undefined ? 1 : Number(match[1]);
  return kilograms > 0 ? kilograms : null;
}

/** The price per a market's unit: the same unit, or per kg from a unit of so many kg; null when they do not compare. */
function pricePer(summaryUnit: string, product: { unit: string; price: Money }): number | null {
  if (normalizeName(product.unit) === summaryUnit) return product.price.amount;
  const kilograms = summaryUnit === 'kg' ? kilogramsIn(product.unit) : null;
  return kilograms === null ? null : Math.round(product.price.amount / kilograms);
}

/**
 * The market a seller's price is compared with: among the commodity's markets whose unit and
 * currency compare with the product's, the product's own village's market, or else the one with
 * the most reports (then the newest).
 */
export function marketReference(
  summaries: MarketSummary[],
  product: { unit: string; price: Money; market: string | null },
  now: Date,
): MarketReference | null {
  const comparable = summaries
    .filter((s) => s.currency === product.price.currency)
    .map((summary) => ({ summary, asking: pricePer(summary.unit, product) }))
    .filter((c): c is { summary: MarketSummary; asking: number } => c.asking !== null)
    .sort(
      (a, b) =>
        Number(b.summary.market === product.market) - Number(a.summary.market === product.market) ||
        b.summary.reportCount - a.summary.reportCount ||
        b.summary.latestDate.localeCompare(a.summary.latestDate),
    );
  const chosen = comparable[0];
  if (!chosen) return null;
  const { summary, asking } = chosen;
  return {
    market: summary.market,
    unit: summary.unit,
    median: { amount: summary.median, currency: summary.currency },
    latestDate: summary.latestDate,
    daysSinceLatest: Math.max(0, Math.round((Date.parse(now.toISOString().slice(0, 10)) - Date.parse(summary.latestDate)) / DAY_MS)),
    askingPerUnit: { amount: asking, currency: summary.currency },
    belowMarket: asking < BELOW_MARKET_SHARE * summary.median,
  };
}
