export { canonicalCommodity } from './commodity-names.js';
export { type MarketSummary, PRICE_WINDOW_DAYS, type PriceReport } from './market-price.js';
export { commodityMarkets, marketPrices, priceCommodities, reportPrice } from './price-service.js';
