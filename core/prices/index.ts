export { canonicalCommodity } from './commodity-names.js';
export {
  addToBook,
  BOOK_SIZE,
  type MarketSummary,
  PRICE_WINDOW_DAYS,
  type PriceBook,
  type PriceReport,
  type ReportStanding,
  summarize,
  TREND_DAYS,
} from './market-price.js';
export { BELOW_MARKET_SHARE, type MarketReference } from './market-reference.js';
export { MAX_ALERTS_PER_PHONE, type PriceAlert, type PriceWatch, watchId, watchOf } from './price-alert.js';
export { addPriceAlert, myPriceAlerts, removePriceAlert } from './price-alert-service.js';
// The notification sender starts these from the table's stream (alerts) and the hourly schedule (weekly prices).
export {
  alertJobs,
  type FanoutJob,
  fanoutJobId,
  type JobPage,
  readJobPage,
  type WeeklyMessages,
  weeklyPricesJob,
} from './price-fanout.js';
export {
  priceAlertItem,
  priceBookItem,
  priceReportItem,
  priceSummaryItem,
  weeklyPricesItem,
} from './price-items.js';
export { commodityMarkets, marketPrices, marketReferenceOf, priceCommodities, reportPrice } from './price-service.js';
export { hourOfWeek, WEEKLY_MARKETS, type WeeklyPrices, weekOf } from './weekly-prices.js';
export { startWeeklyPrices, stopWeeklyPrices } from './weekly-prices-service.js';
