import { alertThresholdKey, type ListPosition, listCondition, listKeys, queryFrom, type Store } from '../db/index.js';
import { type Notification, type PendingNotification, pendingNotification } from '../outbox/index.js';
import type { MarketSummary } from './market-price.js';
import { windowStart } from './market-price.js';
import { crossings, type PriceWatch, watchId } from './price-alert.js';
import type { ListedAlert } from './price-alert-repository.js';
import { listMarketSummaries } from './price-repository.js';
import { hourOfWeek, WEEKLY_MARKETS, type WeeklyPrices, weekOf } from './weekly-prices.js';

/**
 * A message to many phones, listed page by page from one list of the table: the weekly prices of
 * one hour of the week, or the alerts of one watch that a median's move crossed. Its id names it
 * once, so that it is listed once however often it is started.
 */
export type FanoutJob =
  | { kind: 'WEEKLY_PRICES'; hourOfWeek: number; week: string; since: string }
  | { kind: 'PRICE_ALERT'; watch: PriceWatch; from: number; through: number; on: string; summary: MarketSummary; reportedBy: string };

export function fanoutJobId(job: FanoutJob): string {
  return job.kind === 'WEEKLY_PRICES'
    ? `WEEKLY#${job.week}#${job.hourOfWeek}`
    : `ALERT#${job.on}#${watchId(job.watch)}#${job.from}#${job.through}`;
}

/** The weekly prices of the hour of the week `now` falls in. */
export function weeklyPricesJob(now: Date): FanoutJob {
  return { kind: 'WEEKLY_PRICES', hourOfWeek: hourOfWeek(now), week: weekOf(now), since: windowStart(now).slice(0, 10) };
}

/**
 * The alerts a market's move of its medians crossed (a summary before and after a report), one job per
 * watch, on the day of the report that moved it (`at`, the change's time, for a figure that does not say).
 */
export function alertJobs(
  before: MarketSummary,
  after: MarketSummary & { reportedBy?: string; reportedAt?: string },
  at: Date,
): FanoutJob[] {
  const on = (after.reportedAt ?? at.toISOString()).slice(0, 10);
  return crossings([before], [after]).flatMap(({ watches, from, through, summary }) =>
    watches.map((watch) => ({ kind: 'PRICE_ALERT' as const, watch, from, through, on, summary, reportedBy: after.reportedBy ?? '' })),
  );
}

/** One page of a job's list: the notifications of its phones, and where the next page starts (null: the job is done). */
export interface JobPage {
  notices: PendingNotification[];
  next: ListPosition;
}

/** The weekly messages a run of a job has made, by commodity: each commodity's figures are read once a run, not once a page. */
export type WeeklyMessages = Map<string, Promise<Notification | null>>;

// Access pattern: one Query of a page of a job's list (an hour's weekly prices, a watch's alerts in a range of thresholds).
export async function readJobPage(
  store: Store,
  job: FanoutJob,
  from: ListPosition,
  limit: number,
  messages: WeeklyMessages = new Map(),
): Promise<JobPage> {
  if (job.kind === 'PRICE_ALERT') {
    const range = { from: alertThresholdKey(job.from), through: alertThresholdKey(job.through) };
    const page = await queryFrom<ListedAlert>(store, listCondition(listKeys.priceAlerts(watchId(job.watch)), range), limit, from);
    // An alert tells its phone at most once a day (the day is in the message's id), and never the one whose report moved the price.
    const notices = page.items.filter((alert) => alert.phone !== job.reportedBy).map((alert) => alertNotice(job, alert));
    return { notices, next: page.next };
  }
  const page = await queryFrom<WeeklyPrices>(store, listCondition(listKeys.weeklyPrices(job.hourOfWeek)), limit, from);
  const notices: PendingNotification[] = [];
  for (const weekly of page.items) {
    if (!messages.has(weekly.commodity)) messages.set(weekly.commodity, weeklyMessage(store, job, weekly.commodity));
    const notification = await messages.get(weekly.commodity)!;
    if (notification) notices.push(pendingNotification(weekly.phone, notification));
  }
  return { notices, next: page.next };
}

function alertNotice(job: Extract<FanoutJob, { kind: 'PRICE_ALERT' }>, alert: ListedAlert): PendingNotification {
  const { summary } = job;
  return pendingNotification(alert.phone, {
    kind: 'PRICE_ALERT',
    alertId: alert.id,
    number: alert.number,
    on: job.on,
    commodity: summary.commodity,
    market: summary.market,
    unit: summary.unit,
    median: { amount: summary.median, currency: summary.currency },
    direction: alert.direction,
  });
}

/** A commodity's weekly message: the medians of its busiest markets with their trend; null without recent prices. */
async function weeklyMessage(
  store: Store,
  job: Extract<FanoutJob, { kind: 'WEEKLY_PRICES' }>,
  commodity: string,
): Promise<Notification | null> {
  const markets = (await listMarketSummaries(store, commodity, null))
    .filter((s) => s.latestDate >= job.since)
    .sort((a, b) => b.reportCount - a.reportCount || a.market.localeCompare(b.market))
    .slice(0, WEEKLY_MARKETS)
    .map((s) => ({
      market: s.market,
      unit: s.unit,
      median: { amount: s.median, currency: s.currency },
      changePercent: s.changePercent ?? null,
    }));
  return markets.length > 0 ? { kind: 'WEEKLY_PRICES', commodity, week: job.week, markets } : null;
}
