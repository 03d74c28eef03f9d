import { beforeEach, describe, expect, it } from 'vitest';
import { indexKeys, keys } from '../../core/db/keys.js';
import type { Store } from '../../core/db/store.js';
import { placeOrder } from '../../core/orders/order-service.js';
import { type OutboxMessage, pendingNotification } from '../../core/outbox/outbox-message.js';
import { listOutbox, recordOutcome } from '../../core/outbox/outbox-repository.js';
import { listOpenMobileMoney } from '../../core/payments/mobile-money-repository.js';
import { commodityMarkets, priceCommodities, reportPrice } from '../../core/prices/price-service.js';
import { BUYER, ok, seedCatalogue } from '../support/fixtures.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
beforeEach(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
});

const FAR_FUTURE = '2999-01-01T00:00:00.000Z';

describe('lists spread over shards', () => {
  it('read back whole and oldest first: unpaid mobile-money orders', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const at = new Date(Date.UTC(2026, 10, 28, 10, 0, i));
      const order = ok(
        await placeOrder(
          contextFor(store, phone(BUYER), () => at),
          {
            serviceCenterId: 'TST01',
            lines: [{ productCode: 'RICE5', quantity: 1 }],
            paymentMethod: 'MOBILE_MONEY',
            idempotencyKey: `momo-${i}`,
          },
        ),
      );
      codes.push(order.code);
    }
    expect(new Set(codes.map((code) => keys.openMobileMoney('', code).pk)).size).toBeGreaterThan(1);
    expect(await listOpenMobileMoney(store, FAR_FUTURE, 100)).toEqual(codes);
    // A limit takes the oldest across every shard.
    expect(await listOpenMobileMoney(store, FAR_FUTURE, 3)).toEqual(codes.slice(0, 3));
    expect(await listOpenMobileMoney(store, '2026-11-28T10:00:05.000Z', 100)).toEqual(codes.slice(0, 5));
  });

  it("read back whole and newest first: a phone's messages", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const at = new Date(Date.UTC(2026, 10, 28, 11, 0, i));
      const notice = pendingNotification(BUYER, { kind: 'PAYMENT_FAILED', orderCode: 'ABC234', reason: `r${i}` });
      const record: OutboxMessage = { ...notice, status: 'SENT', attempts: 1, createdAt: at.toISOString(), updatedAt: at.toISOString() };
      expect(await recordOutcome(store, record, at)).toBe(true);
      // Written once: a repeat neither overwrites it nor lists it twice.
      expect(await recordOutcome(store, { ...record, status: 'FAILED' }, at)).toBe(false);
      ids.unshift(notice.id);
    }
    expect(new Set(ids.map((id) => indexKeys.phoneOutbox(BUYER, '', id).gsi1pk)).size).toBeGreaterThan(1);
    const listed = (await listOutbox(store, BUYER, { first: 100, after: null }))!.items;
    expect(listed.map((message) => message.id)).toEqual(ids);
    expect(listed.every((message) => message.status === 'SENT')).toBe(true);
    // A page takes the newest across every shard.
    expect((await listOutbox(store, BUYER, { first: 7, after: null }))!.items.map((message) => message.id)).toEqual(ids.slice(0, 7));
  });

  it('read back whole and by name: commodities with prices', async () => {
    const crops = ['maize', 'rice', 'beans', 'cassava', 'sorghum', 'millet', 'coffee', 'tea', 'cotton', 'wheat'];
    for (const commodity of crops) {
      ok(
        await reportPrice(contextFor(store, phone(BUYER)), {
          commodity,
          market: 'Arusha',
          unit: 'kg',
          price: { amount: 90_000, currency: 'TZS' },
        }),
      );
    }
    expect(new Set(crops.map((crop) => keys.priceIndex(crop).pk)).size).toBeGreaterThan(1);
    const listed = await priceCommodities(contextFor(store, phone(BUYER)), null);
    expect(listed).toEqual([...crops].sort().map((commodity) => ({ commodity })));
    expect(await priceCommodities(contextFor(store, phone(BUYER)), crops[0]!)).toEqual([{ commodity: crops[0] }]);
    expect(await commodityMarkets(contextFor(store, phone(BUYER)), crops[0]!)).toEqual(['Arusha']);
  });
});
