import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys, withoutKeys } from './keys.js';
import type { PriceReport } from './market-price.js';
import type { Store } from './store.js';

// Access pattern: add a price report to its commodity's partition, sorted by time.
export async function putPriceReport(store: Store, report: PriceReport): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.priceReports(report.commodity), sk: `${report.reportedAt}#${report.id}`, type: 'PriceReport', ...report },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

// Access pattern: a commodity's reports since a moment, in one market or all.
export async function listPriceReports(store: Store, commodity: string, since: string, market: string | null): Promise<PriceReport[]> {
  const reports: PriceReport[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND sk >= :since',
        FilterExpression: market === null ? undefined : 'market = :market',
        ExpressionAttributeValues: { ':pk': keys.priceReports(commodity).pk, ':since': since, ...(market === null ? {} : { ':market': market }) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) reports.push(withoutKeys<PriceReport>(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return reports;
}
