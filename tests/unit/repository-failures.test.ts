import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { saveInboundReply } from '../../channels/sms/inbound-sms-repository.js';
import { type IdempotencyRecord, idempotencyPut } from '../../core/access/idempotency.js';
import type { Product } from '../../core/catalogue/catalogue.js';
import { addStock, putProduct } from '../../core/catalogue/catalogue-repository.js';
import { createStore } from '../../core/db/store.js';
import { transactRetrying } from '../../core/db/transact-retrying.js';
import { transact, writeAll } from '../../core/db/transaction.js';
import type { Order } from '../../core/orders/order.js';
import { readForPlacement, updateOrderStatus, writeNewOrder } from '../../core/orders/order-repository.js';
import { placeOrder } from '../../core/orders/order-service.js';
import { writeMpesaPaid } from '../../core/payments/mobile-money-repository.js';
import { writePayment, writeRefund } from '../../core/payments/payment-repository.js';
import { putAlert } from '../../core/prices/price-alert-repository.js';

const documentClient = mockClient(DynamoDBDocumentClient);
afterEach(() => documentClient.reset());

const store = createStore({ tableName: 'unit', region: 'us-east-1', endpoint: 'http://127.0.0.1:1' });

const order: Order = {
  code: 'ABC234',
  buyerPhone: '+255754000010',
  shopId: 'S1',
  sellerPhone: '+255754000002',
  sellerVillageId: 'V1',
  centerId: 'C1',
  lines: [
    {
      productId: 'RICE5.V1',
      productCode: 'RICE5',
      name: 'Rice',
      unit: 'bag',
      quantity: 2,
      unitPrice: { amount: 10, currency: 'TZS' },
      lineTotal: { amount: 20, currency: 'TZS' },
    },
    {
      productId: 'BEANS2.V1',
      productCode: 'BEANS2',
      name: 'Beans',
      unit: 'bag',
      quantity: 3,
      unitPrice: { amount: 5, currency: 'TZS' },
      lineTotal: { amount: 15, currency: 'TZS' },
    },
  ],
  subtotal: { amount: 35, currency: 'TZS' },
  total: { amount: 35, currency: 'TZS' },
  status: 'PLACED',
  paymentStatus: 'UNPAID',
  paymentMethod: 'CASH',
  history: [],
  revision: 1,
  createdAt: '2026-11-28T00:00:00.000Z',
  updatedAt: '2026-11-28T00:00:00.000Z',
};
const record: IdempotencyRecord = { scope: 'admin', key: 'k', requestHash: 'h', resultId: 'ABC234', createdAt: '', expiresAt: 0 };
const takes = order.lines.map((line) => ({
  product: { villageId: 'V1', code: line.productCode },
  shard: null,
  quantity: line.quantity,
  seenVersion: 1,
}));
const product: Product = {
  code: 'RICE5',
  villageId: 'V1',
  name: 'Rice',
  unit: 'bag',
  price: { amount: 10, currency: 'TZS' },
  stock: 4,
  commodity: 'rice',
  shopId: 'S1',
  sellerPhone: '+255754000002',
  version: 1,
  updatedAt: '',
};
const payment = {
  orderCode: order.code,
  reference: 'R1',
  method: 'CASH' as const,
  amount: order.total,
  recordedAt: 'now',
  recordedBy: 'admin',
};
const now = new Date('2026-11-28T00:00:00Z');
const idempotency = { put: idempotencyPut(store, record, now) };

function cancelled(...codes: (string | [string, Record<string, unknown>])[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((entry) => (typeof entry === 'string' ? { Code: entry } : { Code: entry[0], Item: marshall(entry[1]) })),
  });
}

describe('writeNewOrder', () => {
  it('sends the order (its own idempotency record) and one update per line in one transaction, and nothing it tells anyone', async () => {
    documentClient.on(TransactWriteCommand).resolves({});
    expect(await writeNewOrder(store, { ...order, request: { keyHash: 'k', requestHash: 'h' } }, takes)).toEqual({ outcome: 'placed' });
    const items = documentClient.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Put', 'Update', 'Update']);
    expect(items[0]!.Put).toMatchObject({
      Item: { pk: 'ORDER#ABC234', request: { keyHash: 'k', requestHash: 'h' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('names the line whose stock ran out, with the stock DynamoDB saw', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('None', 'None', ['ConditionalCheckFailed', { stock: 1, version: 1 }]));
    expect(await writeNewOrder(store, order, takes)).toEqual({
      outcome: 'out-of-stock',
      productCode: 'BEANS2',
      available: 1,
    });
  });

  it('retries when a product changed since it was read but has stock enough', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('None', ['ConditionalCheckFailed', { stock: 50, version: 2 }], 'None'));
    expect(await writeNewOrder(store, order, takes)).toEqual({ outcome: 'conflict' });
  });

  it('tells a short shard of a popular product from a product out of stock', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('None', ['ConditionalCheckFailed', { stock: 0, version: 1 }], 'None'));
    const sharded = takes.map((take, i) => (i === 0 ? { ...take, shard: 3 } : take));
    expect(await writeNewOrder(store, order, sharded)).toEqual({
      outcome: 'shard-short',
      product: { villageId: 'V1', code: 'RICE5' },
    });
    const update = documentClient.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![1]!.Update!;
    expect(update.Key).toEqual({ pk: 'PRODUCT#V1#RICE5#STOCK#3', sk: '#STOCK' });
  });

  it("recognizes a taken order code before a stock that ran out: a retry's first try may have taken the stock", async () => {
    documentClient
      .on(TransactWriteCommand)
      .rejects(cancelled('ConditionalCheckFailed', ['ConditionalCheckFailed', { stock: 0, version: 1 }], 'None'));
    expect(await writeNewOrder(store, order, takes)).toEqual({ outcome: 'code-taken' });
  });

  it('recognizes a taken order code and a lost race', async () => {
    documentClient
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('ConditionalCheckFailed', 'None', 'None'))
      .rejectsOnce(cancelled('None', 'TransactionConflict', 'None'));
    expect(await writeNewOrder(store, order, takes)).toEqual({ outcome: 'code-taken' });
    expect(await writeNewOrder(store, order, takes)).toEqual({ outcome: 'conflict' });
  });

  it('lets faults through', async () => {
    documentClient.on(TransactWriteCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(writeNewOrder(store, order, takes)).rejects.toThrow('slow down');
  });
});

describe('readForPlacement', () => {
  it('asks again for unprocessed keys', async () => {
    documentClient
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { unit: [{ pk: 'PRODUCT#V1#RICE5', sk: '#PRODUCT', type: 'Product', code: 'RICE5', villageId: 'V1', stock: 4 }] },
        UnprocessedKeys: { unit: { Keys: [{ pk: 'CENTER#C1', sk: '#CENTER' }] } },
      })
      .resolvesOnce({ Responses: { unit: [{ pk: 'CENTER#C1', sk: '#CENTER', type: 'ServiceCenter', id: 'C1' }] } });
    const rice = { id: 'RICE5.V1', villageId: 'V1', code: 'RICE5' };
    const reads = await readForPlacement(store, [rice], 'C1', 'ABC234', true);
    expect(reads.products.get('RICE5.V1')?.stock).toBe(4);
    expect(reads.center?.id).toBe('C1');
    expect(reads.atCode).toBeNull();
    expect(documentClient.commandCalls(BatchGetCommand)).toHaveLength(2);
    // The order at the key's code is read in the same batch: it is the request's idempotency record.
    expect(documentClient.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems?.unit?.Keys).toContainEqual({
      pk: 'ORDER#ABC234',
      sk: '#ORDER',
    });
  });
});

describe('placeOrder', () => {
  it('reads cheaply first, and reads consistently before calling a product just listed unknown', async () => {
    const product = {
      pk: 'PRODUCT#V1#RICE5',
      sk: '#PRODUCT',
      type: 'Product',
      code: 'RICE5',
      villageId: 'V1',
      name: 'Rice',
      unit: 'bag',
      stock: 4,
      version: 1,
      shopId: 'S1',
      sellerPhone: '+255754000002',
    };
    const center = { pk: 'CENTER#C1', sk: '#CENTER', type: 'ServiceCenter', id: 'C1', partnerPhone: '+255754000001' };
    documentClient
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { unit: [center] } })
      .resolvesOnce({ Responses: { unit: [{ ...product, price: { amount: 10, currency: 'TZS' } }, center] } });
    documentClient.on(TransactWriteCommand).resolves({});
    const ctx = { principal: { kind: 'PHONE' as const, phone: '+255754000010' }, store, requestId: 'unit', now: () => now };
    const placed = await placeOrder(ctx, {
      serviceCenterId: 'C1',
      lines: [{ productCode: 'RICE5.V1', quantity: 1 }],
      paymentMethod: 'CASH',
      idempotencyKey: 'k',
    });
    expect(placed).toMatchObject({ status: 'PLACED', centerId: 'C1' });
    const reads = documentClient.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.unit?.ConsistentRead);
    expect(reads).toEqual([false, true]);
  });
});

describe('saveInboundReply', () => {
  const message = { messageSid: 'SM1', from: '+255754000010', reply: 'ok' };

  it('stores the reply once, on the condition that no reply is stored under the MessageSid', async () => {
    documentClient.on(PutCommand).resolves({});
    expect(await saveInboundReply(store, message, now)).toBe('ok');
    expect(documentClient.commandCalls(PutCommand)[0]!.args[0].input.ConditionExpression).toBe('attribute_not_exists(pk)');
  });

  it('answers with the first reply when a retry of the message was saved first', async () => {
    documentClient.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
    documentClient.on(GetCommand).resolves({ Item: { pk: 'SMSIN#SM1', sk: '#SMSIN', reply: 'first' } });
    expect(await saveInboundReply(store, message, now)).toBe('first');
  });
});

describe('conditional updates', () => {
  it('reports a stale order instead of overwriting it', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    expect(await updateOrderStatus(store, order, { status: 'ACCEPTED', at: now.toISOString(), by: 'x' })).toBe('stale');
  });

  it('reports stock out of range instead of going below zero', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    expect(await addStock(store, product, -3, null)).toBe('out-of-range');
    const update = documentClient.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Update!;
    expect(update.ExpressionAttributeValues).toMatchObject({ ':delta': -3, ':need': 3 });
  });

  it('tells a repeated request from a failed condition', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    expect(await addStock(store, product, 2, idempotency)).toBe('repeat');
  });

  it('names the order that already used a payment reference', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('None', ['ConditionalCheckFailed', { orderCode: 'XYZ789' }], 'None'));
    expect(await writePayment(store, order, payment, null)).toEqual({ outcome: 'reference-used', orderCode: 'XYZ789' });
  });
});

describe('transact', () => {
  const items = [{ Put: { TableName: 'unit', Item: { pk: 'A', sk: 'A' } } }, { Put: { TableName: 'unit', Item: { pk: 'B', sk: 'B' } } }];

  it('puts the idempotency record last, and tells a repeat by it', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
    expect(await transact(store, items, idempotency)).toEqual({ outcome: 'repeat' });
    const sent = documentClient.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(sent.at(-1)?.Put?.Item).toMatchObject({ pk: 'IDEMPOTENCY#admin#k', resultId: 'ABC234' });
  });

  it('answers a lost race as a conflict, and a failed condition as failed even when another transaction raced it', async () => {
    documentClient
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .rejectsOnce(cancelled('ConditionalCheckFailed', 'TransactionConflict'));
    expect(await transact(store, items, null)).toEqual({ outcome: 'conflict' });
    expect(await transact(store, items, null)).toEqual({
      outcome: 'failed',
      failures: [
        { code: 'ConditionalCheckFailed', item: null },
        { code: 'TransactionConflict', item: null },
      ],
    });
  });

  it('lets faults through, a cancellation for another reason too', async () => {
    documentClient
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'ThrottlingError'))
      .rejectsOnce(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(transact(store, items, null)).rejects.toThrow('Transaction cancelled');
    await expect(transact(store, items, null)).rejects.toThrow('slow down');
  });

  it("answers 'stale' to writeAll's caller for a conflict, so that it reads again", async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));
    expect(await writeAll(store, items)).toBe('stale');
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('is tried again while it loses races, and a transaction that keeps losing is a fault', async () => {
    documentClient.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict', 'None')).resolvesOnce({});
    expect(await transactRetrying(store, items, null)).toEqual({ outcome: 'done' });
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(2);
    documentClient.reset();
    documentClient.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));
    await expect(transactRetrying(store, items, null)).rejects.toThrow('lost 4 races in a row');
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(4);
  });
});

describe('a conflict', () => {
  it('sends a write planned from a read back to read again', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('None', 'TransactionConflict', 'None'));
    expect(await writePayment(store, order, payment, null)).toEqual({ outcome: 'stale' });
    const refund = { ...payment, kind: 'REFUND' as const };
    const refundWrite = {
      order: { ...order, paymentStatus: 'PAID' as const },
      refund,
      cancel: null,
      restock: [],
      bookings: [],
    };
    expect(await writeRefund(store, refundWrite)).toEqual({ outcome: 'stale' });
    const indexed = { product, words: ['rice'] };
    expect(await putProduct(store, { product: { ...product, version: 2 }, words: ['rice'] }, indexed, [], null)).toBe('changed-meanwhile');
    const alert = {
      id: 'A1',
      number: 1,
      phone: order.buyerPhone,
      commodity: 'rice',
      market: null,
      unit: 'kg',
      threshold: { amount: 900, currency: 'TZS' },
      direction: 'RISE' as const,
      createdAt: '',
    };
    expect(await putAlert(store, { phone: order.buyerPhone, alerts: [alert], version: 1 }, 0, alert, null)).toBe('stale');
    // Each tried once: its caller reads again before it tries anew.
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(4);
  });

  it('tries a write whose conditions hold all it assumes again, as it is', async () => {
    documentClient.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict')).resolves({});
    expect(await addStock(store, product, 2, idempotency)).toBe('done');
    const request = { checkoutRequestId: 'ws_1', orderCode: order.code, amount: 35, status: 'PENDING' as const, requestedAt: 'now' };
    const paid = { ...payment, method: 'MOBILE_MONEY' as const, reference: 'MP1' };
    expect(await writeMpesaPaid(store, { ...order, paymentMethod: 'MOBILE_MONEY' }, request, paid)).toBe('done');
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });
});
