import { keys } from '../db/index.js';
import type { MarketSummary, PriceBook, PriceReport } from './market-price.js';
import { type PhoneAlerts, type PriceAlert, watchId, watchOf } from './price-alert.js';
import type { WeeklyPrices } from './weekly-prices.js';

// The items of the prices domain as the table keeps them: key, index keys, type and attributes.
// Its repositories write these, and the capacity model measures them.

/** Reports sort by time within their commodity's partition. */
export function priceReportSortKey(report: Pick<PriceReport, 'reportedAt' | 'id'>): string {
  return `${report.reportedAt}#${report.id}`;
}

export const priceReportItem = (report: PriceReport) => ({
  ...keys.priceReport(report.commodity, priceReportSortKey(report)),
  type: 'PriceReport',
  ...report,
});

export const priceBookItem = (book: PriceBook) => ({ ...keys.priceBook(book.commodity, book.market), type: 'PriceBook', ...book });

export const priceSummaryKey = (s: Pick<MarketSummary, 'commodity' | 'market' | 'unit' | 'currency'>) =>
  keys.priceSummary(s.commodity, s.market, s.unit, s.currency);

export const priceSummaryItem = (summary: MarketSummary) => ({ ...priceSummaryKey(summary), type: 'PriceSummary', ...summary });

/** The key of an alert in its watch's list: the list a report's move of a median reads. */
export const priceAlertKey = (alert: PriceAlert) => keys.priceAlert(watchId(watchOf(alert)), alert.threshold.amount, alert.id);

export const priceAlertItem = (alert: PriceAlert) => ({ ...priceAlertKey(alert), type: 'PriceAlert', ...alert });

export const phoneAlertsItem = (alerts: PhoneAlerts) => ({ ...keys.phoneAlerts(alerts.phone), type: 'PhoneAlerts', ...alerts });

export const weeklyPricesItem = (weekly: WeeklyPrices) => ({ ...keys.weeklyPrices(weekly.phone), type: 'WeeklyPrices', ...weekly });

/** A commodity's entry in the price index, as its update sets it. */
export const priceIndexItem = (commodity: string) => ({ ...keys.priceIndex(commodity), type: 'PriceIndex', commodity });
