import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Store } from '../../core/db/index.js';
import type { Order, PartnerOf } from '../../core/orders/index.js';
import { redeliveryOf, type WebhookDelivery, type WebhookMessage, webhooksOfOrderChange } from '../../core/webhooks/index.js';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
const itemOf = <T>(image: Image | undefined): T | null => (image ? (unmarshall(image as never) as T) : null);

/**
 * The app webhooks one change in the table's stream sets off: an order's creation, or a status or
 * payment change of it; and a delivery an administrator asked to send again.
 */
export async function webhooksOfChange(record: DynamoDBRecord, store: Store, partnerOf: PartnerOf): Promise<WebhookMessage[]> {
  const after = record.dynamodb?.NewImage;
  if (record.eventName === 'REMOVE' || !after) return [];
  const before = record.dynamodb?.OldImage;
  switch (after.type?.S) {
    case 'Order':
      return webhooksOfOrderChange(store, itemOf<Order>(before), itemOf<Order>(after)!, partnerOf);
    case 'WebhookDelivery': {
      const again = redeliveryOf(itemOf<WebhookDelivery>(before), itemOf<WebhookDelivery>(after)!);
      return again ? [again] : [];
    }
    default:
      return [];
  }
}
