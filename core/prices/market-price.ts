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

/** A report as a market's book keeps it. */
export interface PricePoint {
  unit: string;
  currency: string;
  amount: number;
  reportedAt: string;
}

/**
 * The reports a market's figures for one commodity are computed from, newest first. It is kept up to
 * date with each report, so that reading a market's figures reads no reports.
 */
export interface PriceBook {
  commodity: string;
  market: string;
  points: PricePoint[];
  version: number;
}

/** At most this many reports count towards a market's figures: the newest within the window. */
export const BOOK_SIZE = 50;

/** The moment the window that ends at `end` starts, as an ISO timestamp. */
export function windowStart(end: Date): string {
  return new Date(end.getTime() - PRICE_WINDOW_DAYS * 24 * 60 * 60 * 1000).toISOString();
}

/** The book with the report added: only the newest reports of the window before the newest one are kept. */
export function addToBook(book: PriceBook | null, report: PriceReport): PriceBook {
  const point = { unit: report.unit, currency: report.price.currency, amount: report.price.amount, reportedAt: report.reportedAt };
  const points = [point, ...(book?.points ?? [])].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  const since = windowStart(new Date(points[0]!.reportedAt));
  return {
    commodity: report.commodity,
    market: report.market,
    points: points.filter((p) => p.reportedAt >= since).slice(0, BOOK_SIZE),
    version: (book?.version ?? 0) + 1,
  };
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  // The mean of the two middle prices, rounded half up to a whole minor unit.
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** One summary per unit and currency of a market's book: prices in different units are never mixed. */
export function summarize(book: Pick<PriceBook, 'commodity' | 'market' | 'points'>): MarketSummary[] {
  const groups = new Map<string, PricePoint[]>();
  for (const point of book.points) {
    const key = [point.unit, point.currency].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), point]);
  }
  return [...groups.values()]
    .map((group) => {
      const prices = group.map((point) => point.amount).sort((a, b) => a - b);
      return {
        commodity: book.commodity,
        market: book.market,
        unit: group[0]!.unit,
        currency: group[0]!.currency,
        min: prices[0]!,
        median: median(prices),
        max: prices[prices.length - 1]!,
        reportCount: prices.length,
        latestDate: group
          .map((point) => point.reportedAt)
          .sort()
          .at(-1)!
          .slice(0, 10),
      };
    })
    .sort((a, b) => a.unit.localeCompare(b.unit) || a.currency.localeCompare(b.currency));
}
