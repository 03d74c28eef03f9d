import { createHash } from 'node:crypto';
import type { Money } from '../common/index.js';

/** How far back a market summary looks. */
export const PRICE_WINDOW_DAYS = 14;
/** The trend compares the newest days of the window with as many days before them. */
export const TREND_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What became of a report: it counts; it is far outside its market's spread and waits for another
 * reporter to confirm it; or its reporter already counted for this commodity and market today.
 */
export type ReportStanding = 'COUNTED' | 'AWAITING_CONFIRMATION' | 'ALREADY_COUNTED_TODAY';

export interface PriceReport {
  id: string;
  commodity: string;
  market: string;
  unit: string;
  price: Money;
  reportedAt: string;
  reportedBy: string;
  /** Reported by a center's partner (or an administrator): counted even outside the spread. */
  verified: boolean;
  standing: ReportStanding;
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
  /** Reports of partners among those counted. */
  verifiedCount: number;
  latestDate: string;
  /** The median of the newest 7 days against that of the 7 days before, in whole percent; null without both. */
  changePercent: number | null;
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
  /** Who reported it, as a short hash: enough to count a reporter once a day, without keeping phones in the book. */
  by: string;
  verified?: boolean;
}

/**
 * The reports a market's figures for one commodity are computed from, newest first, and those
 * waiting for confirmation. It is kept up to date with each report, so that reading a market's
 * figures reads no reports.
 */
export interface PriceBook {
  commodity: string;
  market: string;
  points: PricePoint[];
  /** Reports outside the spread, newest first, until another reporter confirms them (absent in books older than it). */
  pending?: PricePoint[];
  version: number;
}

/** At most this many reports count towards a market's figures: the newest within the window. */
export const BOOK_SIZE = 50;
/** Of those, this many of the week before the newest are kept when there are, so that a busy market still has a trend. */
const EARLIER_WEEK_KEPT = 15;
/** At most this many reports wait for confirmation in a book. */
const PENDING_SIZE = 10;

/** The spread rule: a price further than this many scaled MADs from the median is outside it... */
const SPREAD_MADS = 3;
/** ...or, when that is narrower, further than this share of the median. */
const SPREAD_FLOOR = 0.1;
/** The rule applies once a unit has this many counted reports. */
const SPREAD_MIN_REPORTS = 5;
/** A waiting report is confirmed by another reporter's price within this share of it. */
const CONFIRM_BAND = 0.1;
/** MAD times this estimates the standard deviation of normally spread prices. */
const MAD_SCALE = 1.4826;

/** The moment the window that ends at `end` starts, as an ISO timestamp. */
export function windowStart(end: Date): string {
  return new Date(end.getTime() - PRICE_WINDOW_DAYS * DAY_MS).toISOString();
}

/** A reporter as a book names them. */
export function reporterTag(reportedBy: string): string {
  return createHash('sha256').update(reportedBy).digest('hex').slice(0, 10);
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  // The mean of the two middle prices, rounded half up to a whole minor unit.
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
const sameGroup = (a: PricePoint, b: PricePoint) => a.unit === b.unit && a.currency === b.currency;
const newestFirst = (points: PricePoint[]) => [...points].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));

/**
 * Whether a price is far outside the others: further from their median than 3 scaled median absolute
 * deviations (MAD x 1.4826), or than 10% of the median when that is wider. Too few prices: never.
 */
export function outsideSpread(amount: number, prices: number[]): boolean {
  if (prices.length < SPREAD_MIN_REPORTS) return false;
  const middle = median(ascending(prices));
  const mad = median(ascending(prices.map((price) => Math.abs(price - middle))));
  return Math.abs(amount - middle) > Math.max(SPREAD_MADS * MAD_SCALE * mad, SPREAD_FLOOR * middle);
}

const confirms = (point: PricePoint, waiting: PricePoint) =>
  sameGroup(point, waiting) && point.by !== waiting.by && Math.abs(point.amount - waiting.amount) <= CONFIRM_BAND * waiting.amount;

/** The newest reports of the window, with a share kept for the week before the newest when it has them. */
function keptPoints(points: PricePoint[]): PricePoint[] {
  const sorted = newestFirst(points);
  if (sorted.length === 0) return [];
  const newest = new Date(sorted[0]!.reportedAt);
  const since = windowStart(newest);
  const weekStart = new Date(newest.getTime() - TREND_DAYS * DAY_MS).toISOString();
  const inWindow = sorted.filter((p) => p.reportedAt >= since);
  const recent = inWindow.filter((p) => p.reportedAt >= weekStart);
  const earlier = inWindow.filter((p) => p.reportedAt < weekStart);
  const recentKept = recent.slice(0, BOOK_SIZE - Math.min(EARLIER_WEEK_KEPT, earlier.length));
  return newestFirst([...recentKept, ...earlier.slice(0, BOOK_SIZE - recentKept.length)]);
}

/**
 * The book with the report placed in it, and the report's standing. A reporter counts once a day per
 * commodity and market; a price far outside its unit's spread waits until another reporter's price
 * within 10% of it confirms it (then both count); a partner's report always counts. Any counted
 * report confirms the waiting ones near its price.
 */
export function addToBook(book: PriceBook | null, report: Omit<PriceReport, 'standing'>): { book: PriceBook; standing: ReportStanding } {
  const point: PricePoint = {
    unit: report.unit,
    currency: report.price.currency,
    amount: report.price.amount,
    reportedAt: report.reportedAt,
    by: reporterTag(report.reportedBy),
    ...(report.verified ? { verified: true } : {}),
  };
  const points = book?.points ?? [];
  const pending = book?.pending ?? [];
  const version = (book?.version ?? 0) + 1;
  const base = { commodity: report.commodity, market: report.market };
  const day = point.reportedAt.slice(0, 10);
  if ([...points, ...pending].some((p) => p.by === point.by && p.reportedAt.slice(0, 10) === day)) {
    return { book: { ...base, points, pending, version }, standing: 'ALREADY_COUNTED_TODAY' };
  }
  const confirmed = pending.filter((waiting) => confirms(point, waiting));
  const since = windowStart(new Date(point.reportedAt));
  const peers = points.filter((p) => sameGroup(p, point) && p.reportedAt >= since).map((p) => p.amount);
  const counts = report.verified || confirmed.length > 0 || !outsideSpread(point.amount, peers);
  const counted = keptPoints([...points, ...confirmed, ...(counts ? [point] : [])]);
  const newest = counted[0]?.reportedAt ?? point.reportedAt;
  const stillWaiting = newestFirst([...pending.filter((p) => !confirmed.includes(p)), ...(counts ? [] : [point])])
    .filter((p) => p.reportedAt >= windowStart(new Date(newest)))
    .slice(0, PENDING_SIZE);
  return {
    book: { ...base, points: counted, pending: stillWaiting, version },
    standing: counts ? 'COUNTED' : 'AWAITING_CONFIRMATION',
  };
}

/** The change of the newest week's median against the week before, in whole percent. */
function weekChange(group: PricePoint[], newest: string): number | null {
  const weekStart = new Date(new Date(newest).getTime() - TREND_DAYS * DAY_MS).toISOString();
  const recent = group.filter((p) => p.reportedAt >= weekStart).map((p) => p.amount);
  const earlier = group.filter((p) => p.reportedAt < weekStart).map((p) => p.amount);
  if (recent.length === 0 || earlier.length === 0) return null;
  const before = median(ascending(earlier));
  return Math.round(((median(ascending(recent)) - before) / before) * 100);
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
      const prices = ascending(group.map((point) => point.amount));
      const newest = group
        .map((point) => point.reportedAt)
        .sort()
        .at(-1)!;
      return {
        commodity: book.commodity,
        market: book.market,
        unit: group[0]!.unit,
        currency: group[0]!.currency,
        min: prices[0]!,
        median: median(prices),
        max: prices[prices.length - 1]!,
        reportCount: prices.length,
        verifiedCount: group.filter((point) => point.verified).length,
        latestDate: newest.slice(0, 10),
        changePercent: weekChange(group, newest),
      };
    })
    .sort((a, b) => a.unit.localeCompare(b.unit) || a.currency.localeCompare(b.currency));
}
