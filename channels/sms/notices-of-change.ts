import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { getServiceCenter } from '../../core/catalogue/index.js';
import type { Store } from '../../core/db/index.js';
import { type PickupNotice, pickupCodeNotice } from '../../core/delivery/index.js';
import { noticesOfOrderChange, type Order, type PartnerOf } from '../../core/orders/index.js';
import type { PendingNotification } from '../../core/outbox/index.js';

/** The item types whose changes tell people something: the stream's filter lets only these through. */
export const NOTIFYING_TYPES = ['Order', 'PickupNotice'] as const;

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
const itemOf = <T>(image: Image | undefined): T | null => (image ? (unmarshall(image as never) as T) : null);

/** The phones of centers' partners, read once per batch of the stream. */
export function partnerLookup(store: Store): PartnerOf {
  const partners = new Map<string, Promise<string | null>>();
  return (centerId) => {
    if (!partners.has(centerId)) partners.set(centerId, getServiceCenter(store, centerId).then((center) => center?.partnerPhone ?? null));
    return partners.get(centerId)!;
  };
}

/** The notifications one change in the table's stream sets off; none for a change that tells nobody. */
export async function noticesOfChange(record: DynamoDBRecord, partnerOf: PartnerOf): Promise<PendingNotification[]> {
  const after = record.dynamodb?.NewImage;
  if (record.eventName === 'REMOVE' || !after) return [];
  switch (after.type?.S) {
    case 'Order':
      return noticesOfOrderChange(itemOf<Order>(record.dynamodb?.OldImage), itemOf<Order>(after)!, partnerOf);
    case 'PickupNotice':
      return record.eventName === 'INSERT' ? [pickupCodeNotice(itemOf<PickupNotice>(after)!)] : [];
    default:
      return [];
  }
}
