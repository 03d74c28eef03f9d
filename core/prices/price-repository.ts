import { type IdempotencyRecord, liveIdempotencyRecord } from '../access/index.js';
import {
  failedCondition,
  getItem,
  getItems,
  type Idempotency,
  keys,
  listCondition,
  listKeys,
  PRICE_INDEX_SHARDS,
  queryAll,
  queryShards,
  type Store,
  transact,
  withoutKeys,
} from '../db/index.js';
import type { MarketSummary, PriceBook, PriceReport } from './market-price.js';
import { priceBookItem, priceIndexItem, priceReportItem, priceSummaryItem, priceSummaryKey } from './price-items.js';

// Access pattern: a market's book of a commodity and the reporter's idempotency record, in one
// strongly consistent read (the write's conditions check both).
export async function readBookForReport(
  store: Store,
  commodity: string,
  market: string,
  idempotency: { scope: string; key: string } | null,
  now: Date,
): Promise<{ book: PriceBook | null; idempotency: IdempotencyRecord | null }> {
  const keyList = [keys.priceBook(commodity, market), ...(idempotency ? [keys.idempotency(idempotency.scope, idempotency.key)] : [])];
  const [book, record] = await getItems<Record<string, unknown>>(store, keyList, { consistent: true, read: (item) => item });
  return {
    book: book ? withoutKeys<PriceBook>(book) : null,
    idempotency: record ? liveIdempotencyRecord(record, now) : null,
  };
}

interface ReportWrite {
  report: PriceReport;
  /** The book with the report added, and the version it was read at (0: there was none). */
  book: PriceBook;
  readVersion: number;
  /** The market's figures now, and those of units the book no longer holds. */
  summaries: MarketSummary[];
  gone: MarketSummary[];
}

/** The commodity's entry in the price index (one small item, set once it has a market). */
function priceIndexUpdate(store: Store, commodity: string) {
  const { pk, sk, type } = priceIndexItem(commodity);
  return {
    Update: {
      TableName: store.tableName,
      Key: { pk, sk },
      UpdateExpression: 'SET commodity = :commodity, #type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':commodity': commodity, ':type': type },
    },
  };
}

// Access pattern: add a report to its commodity's partition, with its market's book and figures (and,
// with a market's first report, its commodity's entry in the price index), as one transaction. 'stale'
// when another report changed the book since it was read (or wrote it at the same moment).
export async function putPriceReport(store: Store, write: ReportWrite, idempotency: Idempotency): Promise<'done' | 'repeat' | 'stale'> {
  const { report, book } = write;
  const items = [
    {
      Put: {
        TableName: store.tableName,
        Item: priceReportItem(report),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: store.tableName,
        Item: priceBookItem(book),
        ...(write.readVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': write.readVersion } }),
      },
    },
    // Each figure names who moved it last, and when: the alerts its move crosses are not told to the
    // reporter, and are told at most once on the report's day (price-fanout.ts).
    ...write.summaries.map((summary) => ({
      Put: {
        TableName: store.tableName,
        Item: { ...priceSummaryItem(summary), reportedBy: report.reportedBy, reportedAt: report.reportedAt },
      },
    })),
    ...write.gone.map((summary) => ({ Delete: { TableName: store.tableName, Key: priceSummaryKey(summary) } })),
    // A market's first report names its commodity in the index; later ones leave that shared item
    // alone, so that reports to different markets of one commodity never conflict.
    ...(write.readVersion === 0 ? [priceIndexUpdate(store, report.commodity)] : []),
  ];
  const result = await transact(store, items, idempotency);
  if (result.outcome === 'failed' && failedCondition(result.failures, 0)) throw new Error(`price report ${report.id} already exists`);
  if (result.outcome === 'failed' || result.outcome === 'conflict') return 'stale';
  return result.outcome;
}

// Access pattern: get one report of a commodity by its sort key.
export async function getPriceReport(store: Store, commodity: string, sortKey: string): Promise<PriceReport | null> {
  return getItem<PriceReport>(store, keys.priceReport(commodity, sortKey));
}

// Access pattern: whether a phone runs a service center as its partner (gsi2, the first entry).
export async function isCenterPartner(store: Store, phone: string): Promise<boolean> {
  return (await queryAll(store, { ...listCondition(listKeys.centersOfPhone(phone)), Limit: 1 }, 1)).length > 0;
}

// Access pattern: a commodity's market figures, in every market or one, sorted by market.
export async function listMarketSummaries(store: Store, commodity: string, market: string | null): Promise<MarketSummary[]> {
  const summaries = await queryAll<MarketSummary & { reportedBy?: string; reportedAt?: string }>(
    store,
    listCondition(listKeys.priceSummaries(commodity, market)),
  );
  // Who moved a figure last, and when, is for the alerts its move crosses (price-fanout.ts), not for those who read the figures.
  return summaries.map(({ reportedBy, reportedAt, ...summary }) => summary);
}

// Access pattern: every commodity with reports (every shard, by name).
export async function listPriceCommodities(store: Store): Promise<string[]> {
  const shards = Array.from({ length: PRICE_INDEX_SHARDS }, (_, shard) => listKeys.priceCommodities(shard));
  return (await queryShards<{ commodity: string }>(store, shards, {})).map((entry) => entry.commodity);
}
