import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Idempotency, keys, queryAll, type Store, transact, withoutKeys } from '../db/index.js';
import type { CommodityMarkets, PriceReport } from './market-price.js';

/** Reports sort by time within their commodity's partition. */
export function priceReportSortKey(report: Pick<PriceReport, 'reportedAt' | 'id'>): string {
  return `${report.reportedAt}#${report.id}`;
}

// Access pattern: add a price report to its commodity's partition, and its market to the commodity's index entry.
export async function putPriceReport(store: Store, report: PriceReport, idempotency: Idempotency): Promise<'done' | 'repeat'> {
  const result = await transact(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: { ...keys.priceReports(report.commodity), sk: priceReportSortKey(report), type: 'PriceReport', ...report },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: store.tableName,
          Key: keys.priceIndex(report.commodity),
          UpdateExpression: 'ADD markets :market SET commodity = :commodity, #type = :type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':market': new Set([report.market]), ':commodity': report.commodity, ':type': 'PriceIndex' },
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
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: { ...keys.priceReports(commodity), sk: sortKey } }),
  );
  return Item ? withoutKeys<PriceReport>(Item) : null;
}

// Access pattern: a commodity's reports since a moment, in one market or all.
export async function listPriceReports(store: Store, commodity: string, since: string, market: string | null): Promise<PriceReport[]> {
  return queryAll<PriceReport>(store, {
    KeyConditionExpression: 'pk = :pk AND sk >= :since',
    FilterExpression: market === null ? undefined : 'market = :market',
    ExpressionAttributeValues: { ':pk': keys.priceReports(commodity).pk, ':since': since, ...(market === null ? {} : { ':market': market }) },
  });
}

// Access pattern: every commodity with reports, and the markets it was reported in.
export async function listPriceCommodities(store: Store): Promise<CommodityMarkets[]> {
  const entries = await queryAll<{ commodity: string; markets: Set<string> }>(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.priceIndex('').pk, ':prefix': 'COMMODITY#' },
  });
  return entries.map((entry) => ({ commodity: entry.commodity, markets: [...entry.markets].sort() }));
}
