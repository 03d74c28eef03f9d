import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ConsentNotice } from '../../core/apps/index.js';
import { getServiceCenter } from '../../core/catalogue/index.js';
import type { Store } from '../../core/db/index.js';
import { type PickupNotice, pickupCodeNotice } from '../../core/delivery/index.js';
import { noticesOfOrderChange, type Order, type PartnerOf } from '../../core/orders/index.js';
import { type PendingNotification, pendingNotification } from '../../core/outbox/index.js';
import { alertJobs, type FanoutJob, type MarketSummary } from '../../core/prices/index.js';

/**
 * The item types whose changes tell people (or apps) something: the stream's filter lets only these
 * through. A webhook delivery's change tells its app again when an administrator redelivers it.
 */
export const NOTIFYING_TYPES = ['Order', 'PickupNotice', 'ConsentNotice', 'PriceSummary', 'WebhookDelivery'] as const;

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
const itemOf = <T>(image: Image | undefined): T | null => (image ? (unmarshall(image as never) as T) : null);

/** The phones of centers' partners, read once per batch of the stream. */
export function partnerLookup(store: Store): PartnerOf {
  const partners = new Map<string, Promise<string | null>>();
  return (centerId) => {
    if (!partners.has(centerId))
      partners.set(
        centerId,
        getServiceCenter(store, centerId).then((center) => center?.partnerPhone ?? null),
      );
    return partners.get(centerId)!;
  };
}

/** The SMS asking a phone's consent for an app, with the code it answers by (the sender then forgets the notice). */
function consentCodeNotice(notice: ConsentNotice): PendingNotification {
  const { requestHash, phone, appName, scopes, bindingMessage, code, expiresAt } = notice;
  return pendingNotification(phone, { kind: 'CONSENT_REQUEST', requestHash, appName, scopes, bindingMessage, code, expiresAt });
}

/** What one change in the table's stream sets off: notifications to send, and jobs that list the many phones a price move tells. */
export interface ChangeEffects {
  notices: PendingNotification[];
  jobs: FanoutJob[];
}

export async function effectsOfChange(record: DynamoDBRecord, partnerOf: PartnerOf): Promise<ChangeEffects> {
  const after = record.dynamodb?.NewImage;
  const none: ChangeEffects = { notices: [], jobs: [] };
  if (record.eventName === 'REMOVE' || !after) return none;
  const before = record.dynamodb?.OldImage;
  switch (after.type?.S) {
    case 'Order':
      return { notices: await noticesOfOrderChange(itemOf<Order>(before), itemOf<Order>(after)!, partnerOf), jobs: [] };
    case 'PickupNotice':
      return record.eventName === 'INSERT' ? { notices: [pickupCodeNotice(itemOf<PickupNotice>(after)!)], jobs: [] } : none;
    case 'ConsentNotice':
      return record.eventName === 'INSERT' ? { notices: [consentCodeNotice(itemOf<ConsentNotice>(after)!)], jobs: [] } : none;
    case 'PriceSummary': {
      // A market's first figures cross nothing: there was no median before.
      if (!before) return none;
      const at = new Date((record.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000);
      return { notices: [], jobs: alertJobs(itemOf<MarketSummary>(before)!, itemOf<MarketSummary & { reportedBy?: string }>(after)!, at) };
    }
    default:
      return none;
  }
}
