import {
  getItem,
  type Idempotency,
  keys,
  listCondition,
  listKeys,
  PRICE_INDEX_SHARDS,
  queryAll,
  queryShards,
  type Store,
  transact,
} from '../db/index.js';
import type { PriceReport } from './market-price.js';

/** Reports sort by time within their commodity's partition. */
export function priceReportSortKey(report: Pick<PriceReport, 'reportedAt' | 'id'>): string {
  return `${report.reportedAt}#${report.id}`;
}

// Access pattern: add a price report to its commodity's partition, with its commodity's entry in the
// price index and its market's entry among the commodity's markets (small items: a report rewrites no list).
export async function putPriceReport(store: Store, report: PriceReport, idempotency: Idempotency): Promise<'done' | 'repeat'> {
  const result = await transact(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: { ...keys.priceReport(report.commodity, priceReportSortKey(report)), type: 'PriceReport', ...report },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: store.tableName,
          Key: keys.priceIndex(report.commodity),
          UpdateExpression: 'SET commodity = :commodity, #type = :type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':commodity': report.commodity, ':type': 'PriceIndex' },
        },
      },
      {
        Update: {
          TableName: store.tableName,
          Key: keys.priceMarket(report.commodity, report.market),
          UpdateExpression: 'SET market = :market, #type = :type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':market': report.market, ':type': 'PriceMarket' },
        },
      },
    ],
    idempotency,
  );
  if (result.outcome === 'failed') throw new Error(`price report ${report.id} already exists`);
  return result.outcome;
}

// Access pattern: get one report of a commodity by its sort key.
export async function getPriceReport(store: Store, commodity: string, sortKey: string): Promise<PriceReport | null> {
  return getItem<PriceReport>(store, keys.priceReport(commodity, sortKey));
}

// Access pattern: a commodity's reports since a moment, in one market or all.
export async function listPriceReports(store: Store, commodity: string, since: string, market: string | null): Promise<PriceReport[]> {
  const condition = listCondition(listKeys.priceReports(commodity), { from: since });
  return queryAll<PriceReport>(store, {
    ...condition,
    FilterExpression: market === null ? undefined : 'market = :market',
    ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...(market === null ? {} : { ':market': market }) },
  });
}

// Access pattern: every commodity with reports (every shard, by name).
export async function listPriceCommodities(store: Store): Promise<string[]> {
  const shards = Array.from({ length: PRICE_INDEX_SHARDS }, (_, shard) => listKeys.priceCommodities(shard));
  return (await queryShards<{ commodity: string }>(store, shards, {})).map((entry) => entry.commodity);
}

// Access pattern: the markets a commodity was reported in, by name.
export async function listPriceMarkets(store: Store, commodity: string): Promise<string[]> {
  return (await queryAll<{ market: string }>(store, listCondition(listKeys.priceMarkets(commodity)))).map((entry) => entry.market);
}
