import { graphql } from './graphql.js';

/** SMS PRICE and the USSD markets list: min, median and max per market over 14 days. */
export const MarketPrices = graphql(`
query MarketPrices($commodity: String!, $market: String) {
  marketPrices(commodity: $commodity, market: $market) {
    market
    unit
    reportCount
    latestDate
    changePercent
    min { amount currency }
    median { amount currency }
    max { amount currency }
  }
}
`);

/** The USSD prices menu: every commodity with reports, and its markets. */
export const PriceCommodities = graphql(`
query PriceCommodities {
  priceCommodities { commodity }
}
`);

/** The USSD market menu of one commodity. */
export const CommodityMarkets = graphql(`
query CommodityMarkets($commodity: String!) {
  priceCommodities(commodity: $commodity) { markets }
}
`);

/** SMS REPORT without a market: the market is the village of the caller's center. */
export const CenterVillage = graphql(`
query CenterVillage($id: ID!) {
  serviceCenter(id: $id) { village { name } }
}
`);

/** SMS REPORT: one market price. */
export const ReportPrice = graphql(`
mutation ReportPrice($commodity: String!, $market: String!, $unit: String!, $price: MoneyInput!, $idempotencyKey: String) {
  reportPrice(commodity: $commodity, market: $market, unit: $unit, price: $price, idempotencyKey: $idempotencyKey) {
    __typename
    ... on NotFoundError { entity key }
    ... on ReportPriceSuccess { data { commodity market unit standing } }
  }
}
`);

/** SMS ALERT alone: the caller's price alerts. */
export const MyPriceAlerts = graphql(`
query MyPriceAlerts {
  myPriceAlerts {
    __typename
    ... on NotFoundError { entity key }
    ... on MyPriceAlertsSuccess { data { number commodity market direction threshold { amount currency } } }
  }
}
`);

/** SMS ALERT and the USSD alert screen: an SMS when a median crosses a price. */
export const AddPriceAlert = graphql(`
mutation AddPriceAlert($input: AddPriceAlertInput!) {
  addPriceAlert(input: $input) {
    __typename
    ... on AlertLimitError { limit }
    ... on NotFoundError { entity key }
    ... on AddPriceAlertSuccess { data { number commodity market unit direction threshold { amount currency } } }
  }
}
`);

/** SMS UNALERT and the USSD alerts list: remove one alert. */
export const RemovePriceAlert = graphql(`
mutation RemovePriceAlert($number: Int!, $idempotencyKey: String) {
  removePriceAlert(number: $number, idempotencyKey: $idempotencyKey) {
    __typename
    ... on NotFoundError { entity key }
    ... on RemovePriceAlertSuccess { data { number } }
  }
}
`);

/** SMS PRICES WEEKLY <crop>: a weekly SMS of its prices. */
export const StartWeeklyPrices = graphql(`
mutation StartWeeklyPrices($commodity: String!, $idempotencyKey: String) {
  startWeeklyPrices(commodity: $commodity, idempotencyKey: $idempotencyKey) {
    __typename
    ... on NotFoundError { entity key }
    ... on StartWeeklyPricesSuccess { data { commodity } }
  }
}
`);

/** SMS PRICES OFF. */
export const StopWeeklyPrices = graphql(`
mutation StopWeeklyPrices {
  stopWeeklyPrices {
    __typename
    ... on NotFoundError { entity key }
  }
}
`);
