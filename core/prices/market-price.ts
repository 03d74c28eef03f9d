import type { Money } from '../common/index.js';

/** How far back a market summary looks. */
export const PRICE_WINDOW_DAYS = 14;

export interface PriceReport {
  id: string;
  commodity: string;
  market: string;
  unit: string;
  price: Money;
  reportedAt: string;
  reportedBy: string;
}

export interface MarketSummary {
  commodity: string;
  market: string;
  unit: string;
  currency: string;
  min: number;
  median: number;
  max: number;
  reportCount: number;
  latestDate: string;
}

/** Lower-case words joined by single spaces: "Maize  Flour" and "maize flour" are one commodity. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** "arusha  central" -> "Arusha Central": markets are places, shown as names. */
export function normalizePlace(name: string): string {
  return normalizeName(name).replace(/(^|\s)\p{Ll}/gu, (letter) => letter.toUpperCase());
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  // The mean of the two middle prices, rounded half up to a whole minor unit.
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** One summary per market, unit and currency: prices in different units are never mixed. */
export function summarize(reports: PriceReport[]): MarketSummary[] {
  const groups = new Map<string, PriceReport[]>();
  for (const report of reports) {
    const key = [report.market, report.unit, report.price.currency].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), report]);
  }
  return [...groups.values()]
    .map((group) => {
      const prices = group.map((report) => report.price.amount).sort((a, b) => a - b);
      const first = group[0]!;
      return {
        commodity: first.commodity,
        market: first.market,
        unit: first.unit,
        currency: first.price.currency,
        min: prices[0]!,
        median: median(prices),
        max: prices[prices.length - 1]!,
        reportCount: prices.length,
        latestDate: group
          .map((report) => report.reportedAt)
          .sort()
          .at(-1)!
          .slice(0, 10),
      };
    })
    .sort((a, b) => a.market.localeCompare(b.market) || a.unit.localeCompare(b.unit));
}
