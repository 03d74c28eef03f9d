import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { indexKeys, isConditionFailure, keys, listCondition, listKeys, type Store, type TransactItem } from '../db/index.js';
import type { ConsentNotice, ConsentRequest } from './app.js';

const requestOf = (item: Record<string, unknown>): ConsentRequest => {
  const { pk, sk, gsi1pk, gsi1sk, type, ...request } = item;
  return { ...(request as unknown as ConsentRequest), expiresAt: Number(request.expiresAt) };
};

/** The Puts of a new consent request and of its notice, which the stream turns into the phone's SMS. */
export function consentPuts(store: Store, request: ConsentRequest, notice: ConsentNotice): TransactItem[] {
  return [
    {
      Put: {
        TableName: store.tableName,
        Item: {
          ...keys.consentRequest(request.requestHash),
          ...indexKeys.phoneConsent(request.phone, request.createdAt),
          type: 'ConsentRequest',
          ...request,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: store.tableName, Item: { ...keys.consentNotice(notice.requestHash), type: 'ConsentNotice', ...notice } } },
  ];
}

// Access pattern: get a consent request by the hash of its auth_req_id.
export async function getConsentRequest(store: Store, requestHash: string): Promise<ConsentRequest | null> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.consentRequest(requestHash), ConsistentRead: true }),
  );
  return Item ? requestOf(Item) : null;
}

// Access pattern: a phone's consent requests still waiting for its answer (the index is eventually consistent).
export async function listPendingConsents(store: Store, phone: string, now: Date): Promise<ConsentRequest[]> {
  // Read whole, not through queryAll: it drops the TTL attribute, which here is the request's own end.
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({ ...listCondition(listKeys.consentsOfPhone(phone)), TableName: store.tableName, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.map(requestOf).filter((request) => request.status === 'PENDING' && request.expiresAt * 1000 > now.getTime());
}

/** The Update of a request from one status to another, on condition that it still has the first. */
export function consentStatusUpdate(
  store: Store,
  requestHash: string,
  from: ConsentRequest['status'],
  to: ConsentRequest['status'],
): TransactItem {
  return {
    Update: {
      TableName: store.tableName,
      Key: keys.consentRequest(requestHash),
      UpdateExpression: 'SET #status = :to',
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':from': from, ':to': to },
    },
  };
}

// Access pattern: change a request's fields on condition that it is still as it was read (its status and polls).
export async function updateConsentRequest(
  store: Store,
  before: ConsentRequest,
  changes: Partial<Pick<ConsentRequest, 'status' | 'wrongCodes' | 'intervalSeconds' | 'lastPolledAt'>>,
): Promise<'done' | 'stale'> {
  const fields = Object.entries(changes);
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.consentRequest(before.requestHash),
        UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: '#status = :status AND wrongCodes = :wrong AND lastPolledAt = :polled',
        ExpressionAttributeNames: { ...Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])), '#status': 'status' },
        ExpressionAttributeValues: {
          ...Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])),
          ':status': before.status,
          ':wrong': before.wrongCodes,
          ':polled': before.lastPolledAt,
        },
      }),
    );
    return 'done';
  } catch (error) {
    if (isConditionFailure(error)) return 'stale';
    throw error;
  }
}

// Access pattern: forget a consent SMS's code once the SMS is sent.
export async function forgetConsentNotice(store: Store, requestHash: string): Promise<void> {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.consentNotice(requestHash) }));
}
