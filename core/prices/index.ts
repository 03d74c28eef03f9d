export { canonicalCommodity } from './commodity-names.js';
export { type CommodityMarkets, type MarketSummary, PRICE_WINDOW_DAYS, type PriceReport } from './market-price.js';
export { marketPrices, priceCommodities, reportPrice } from './price-service.js';
