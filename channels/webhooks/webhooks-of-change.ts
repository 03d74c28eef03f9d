import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Store } from '../../core/db/index.js';
import type { Order, PartnerOf } from '../../core/orders/index.js';
import { type WebhookMessage, webhooksOfOrderChange } from '../../core/webhooks/index.js';

/** The app webhooks one change in the table's stream sets off: an order's creation, or a status or payment change of it. */
export async function webhooksOfChange(record: DynamoDBRecord, store: Store, partnerOf: PartnerOf): Promise<WebhookMessage[]> {
  const after = record.dynamodb?.NewImage;
  if (record.eventName === 'REMOVE' || !after || after.type?.S !== 'Order') return [];
  const before = record.dynamodb?.OldImage;
  return webhooksOfOrderChange(
    store,
    before ? (unmarshall(before as never) as Order) : null,
    unmarshall(after as never) as Order,
    partnerOf,
  );
}
