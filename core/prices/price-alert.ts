import type { Money } from '../common/index.js';
import type { MarketSummary } from './market-price.js';

/** What a price alert watches: a commodity's median in one market (or any, ''), unit and currency, rising or falling. */
export interface PriceWatch {
  commodity: string;
  market: string;
  unit: string;
  currency: string;
  direction: 'RISE' | 'FALL';
}

/** The id of a watch's list of alerts, where a report finds them: every part of it, so that no two watches share a list. */
export function watchId(watch: PriceWatch): string {
  return `${watch.commodity}#${watch.market}#${watch.unit}#${watch.currency}#${watch.direction}`;
}

/** A phone's wish to hear when a commodity's median reaches a price: rising to it or more, or falling to it or less. */
export interface PriceAlert {
  id: string;
  /** What the phone types to remove it (UNALERT 2): the smallest number free when it was set. */
  number: number;
  phone: string;
  commodity: string;
  /** Null: any market. */
  market: string | null;
  unit: string;
  threshold: Money;
  direction: PriceWatch['direction'];
  createdAt: string;
}

/** A phone's alerts, kept in one item so that their cap holds however many are set at once. */
export interface PhoneAlerts {
  phone: string;
  alerts: PriceAlert[];
  version: number;
}

/** A phone may have this many alerts. */
export const MAX_ALERTS_PER_PHONE = 5;

/** The watch an alert is listed under, where reports find it. */
export function watchOf(alert: Pick<PriceAlert, 'commodity' | 'market' | 'unit' | 'threshold' | 'direction'>): PriceWatch {
  return {
    commodity: alert.commodity,
    market: alert.market ?? '',
    unit: alert.unit,
    currency: alert.threshold.currency,
    direction: alert.direction,
  };
}

/** The smallest alert number a phone has free, or null when it has as many as it may. */
export function freeNumber(alerts: PriceAlert[]): number | null {
  for (let n = 1; n <= MAX_ALERTS_PER_PHONE; n++) if (!alerts.some((alert) => alert.number === n)) return n;
  return null;
}

/** A range of thresholds a median's move crossed, with the watches (its market, and any market) that list them. */
export interface Crossing {
  watches: PriceWatch[];
  from: number;
  through: number;
  summary: MarketSummary;
}

/**
 * Where a report moved a market's median across thresholds: rising from below a threshold to it or
 * above, or falling from above it to it or below. A market without figures before crosses nothing.
 */
export function crossings(before: MarketSummary[], after: MarketSummary[]): Crossing[] {
  return after.flatMap((summary) => {
    const previous = before.find((s) => s.unit === summary.unit && s.currency === summary.currency);
    if (!previous || previous.median === summary.median) return [];
    const direction = summary.median > previous.median ? 'RISE' : 'FALL';
    const [from, through] = direction === 'RISE' ? [previous.median + 1, summary.median] : [summary.median, previous.median - 1];
    const watch = { commodity: summary.commodity, unit: summary.unit, currency: summary.currency, direction } as const;
    return [
      {
        watches: [
          { ...watch, market: summary.market },
          { ...watch, market: '' },
        ],
        from,
        through,
        summary,
      },
    ];
  });
}
