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
export { MAX_ALERTS_PER_PHONE, type PriceAlert } from './price-alert.js';
export { addPriceAlert, myPriceAlerts, removePriceAlert } from './price-alert-service.js';
export { commodityMarkets, marketPrices, priceCommodities, reportPrice } from './price-service.js';
