import { graphql } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendNotifications } from '../../channels/sms/notification-sender.js';
import { listProducts, myProducts, upsertProduct } from '../../core/catalogue/catalogue-service.js';
import { InvalidInputError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { cancelOrder, myOrders, placeOrder, shopOrders } from '../../core/orders/order-service.js';
import { pendingNotification } from '../../core/outbox/outbox-message.js';
import { outboxOf } from '../../core/outbox/outbox-service.js';
import { schema } from '../../schema/index.js';
import { BUYER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, app, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let village: string;

const listMillet = (code: string, ctx = contextFor(store, phone(SELLER))) =>
  upsertProduct(ctx, { code, name: `Millet ${code}`, price: { amount: 1000, currency: 'TZS' }, stock: 5, commodity: 'millet' });

beforeEach(async () => {
  store = await createTestStore();
  village = (await seedCatalogue(store)).village.id;
});

/** Every page of a list from the start, calling `between` after each page. */
async function pageThrough<T>(
  read: (after: string | null) => Promise<{ items: T[]; endCursor: string | null; hasNextPage: boolean }>,
  between: (pageNumber: number) => Promise<void> = async () => {},
): Promise<T[][]> {
  const pages: T[][] = [];
  let after: string | null = null;
  do {
    const page = await read(after);
    pages.push(page.items);
    expect(page.hasNextPage).toBe(page.endCursor !== null);
    after = page.endCursor;
    await between(pages.length);
  } while (after !== null);
  return pages;
}

describe('cursor paging', () => {
  it('pages through a search without gaps or repeats while products are added before and after the cursor', async () => {
    const codes = Array.from({ length: 45 }, (_, i) => `MIL${String(i * 2 + 10).padStart(3, '0')}`);
    for (const code of codes) ok(await listMillet(code));
    const added: string[] = [];
    const pages = await pageThrough(
      async (after) => ok(await listProducts(contextFor(store, app), 'millet', null, { first: 10, after })),
      // New listings land between and around the ones already shown.
      async (n) => {
        for (const code of [`MIL${String(n * 20 - 1).padStart(3, '0')}`, `MIL${String(n * 20 + 41).padStart(3, '0')}`]) {
          if (!codes.includes(code) && !added.includes(code)) {
            ok(await listMillet(code));
            added.push(code);
          }
        }
      },
    );
    const seen = pages.flat().map((product) => product.code);
    expect(pages.slice(0, -1).every((page) => page.length === 10)).toBe(true);
    expect(new Set(seen).size).toBe(seen.length);
    for (const code of codes) expect(seen).toContain(code);
    // Whatever was seen was either there from the start or added meanwhile.
    expect(seen.every((code) => codes.includes(code) || added.includes(code))).toBe(true);
  });

  it('reads a sharded list back whole: the catalogue, shard after shard, and a seller across shops', async () => {
    for (let i = 0; i < 30; i++) ok(await listMillet(`MX${i}`));
    const pages = await pageThrough(async (after) => ok(await listProducts(contextFor(store, app), null, null, { first: 7, after })));
    const seen = pages.flat().map((product) => `${product.code}.${product.villageId}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(
      [...['RICE5', 'BEANS2', 'HOE1'], ...Array.from({ length: 30 }, (_, i) => `MX${i}`)].map((code) => `${code}.${village}`).sort(),
    );
    const mine = await pageThrough(async (after) => ok(await myProducts(contextFor(store, phone(SELLER)), { first: 4, after })));
    expect(mine.flat()).toHaveLength(32);
  });

  it('pages orders newest first, and refuses a cursor of another list and an oversized page', async () => {
    const buyer = contextFor(store, phone(BUYER));
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const lines = [{ productCode: 'BEANS2', quantity: 1 }];
      placed.push(ok(await placeOrder(buyer, { serviceCenterId: 'TST01', lines, paymentMethod: 'CASH', idempotencyKey: `p${i}` })).code);
    }
    const pages = await pageThrough(async (after) => ok(await myOrders(buyer, { first: 2, after })));
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((order) => order.code)).toEqual([...placed].reverse());

    const productPage = ok(await listProducts(contextFor(store, app), 'product', null, { first: 1, after: null }));
    expect(await myOrders(buyer, { first: 2, after: productPage.endCursor })).toBeInstanceOf(InvalidInputError);
    expect(await myOrders(buyer, { first: 2, after: 'not-a-cursor' })).toBeInstanceOf(InvalidInputError);
    expect(await myOrders(buyer, { first: 101, after: null })).toBeInstanceOf(InvalidInputError);
  });

  it("pages a phone's notifications newest first across the shards of its list, while more arrive", async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 8, minute));
    const gateway = { send: async () => ({ providerId: 'SM1' }) };
    // Each sent, and recorded in the phone's list, at its minute.
    const send = (orderCode: string, minute: number) =>
      sendNotifications({ store, gateway, now: () => at(minute) }, [
        pendingNotification(SELLER, { kind: 'NEW_ORDER', orderCode, lines: [], total: { amount: 1, currency: 'TZS' } }),
      ]);
    for (let i = 0; i < 25; i++) await send(`O${String(i).padStart(5, '0')}`, i);
    let later = 30;
    const pages = await pageThrough(
      async (after) => ok(await outboxOf(contextFor(store, admin), SELLER, { first: 4, after })),
      // Newer messages arrive while the older ones are paged through: they are not in this walk.
      async () => void (await send(`N${later}`, later++)),
    );
    const codes = pages.flat().map((message) => (message.notification as { orderCode: string }).orderCode);
    expect(codes).toEqual(Array.from({ length: 25 }, (_, i) => `O${String(24 - i).padStart(5, '0')}`));
    expect(await outboxOf(contextFor(store, admin), SELLER, { first: 4, after: 'W1tdXQ' })).toBeInstanceOf(InvalidInputError);
  });

  it('says hasNextPage only when a next page has items, at every page size: one list, several, sharded and filtered', async () => {
    for (let i = 0; i < 6; i++) ok(await listMillet(`MX${i}`));
    const buyer = contextFor(store, phone(BUYER));
    const lines = [{ productCode: 'BEANS2', quantity: 1 }];
    for (let i = 0; i < 5; i++) {
      const order = ok(await placeOrder(buyer, { serviceCenterId: 'TST01', lines, paymentMethod: 'CASH', idempotencyKey: `h${i}` }));
      // Cancelled orders sit among the placed ones that a filtered list shows.
      if (i % 2 === 1) ok(await cancelOrder(contextFor(store, phone(SELLER)), order.code));
    }
    const reader = contextFor(store, app);
    const lists: [
      string,
      number,
      (first: number, after: string | null) => Promise<{ items: unknown[]; endCursor: string | null; hasNextPage: boolean }>,
    ][] = [
      ['the catalogue', 9, async (first, after) => ok(await listProducts(reader, null, null, { first, after }))],
      ["a village's products", 9, async (first, after) => ok(await listProducts(reader, null, village, { first, after }))],
      ['a search', 6, async (first, after) => ok(await listProducts(reader, 'millet', null, { first, after }))],
      ["a seller's products", 8, async (first, after) => ok(await myProducts(contextFor(store, phone(SELLER)), { first, after }))],
      ["a buyer's orders", 5, async (first, after) => ok(await myOrders(buyer, { first, after }))],
      [
        "a shop's placed orders",
        3,
        async (first, after) => ok(await shopOrders(contextFor(store, phone(SELLER)), { statuses: ['PLACED'] }, { first, after })),
      ],
    ];
    for (const [name, total, read] of lists) {
      for (let first = 1; first <= total + 1; first++) {
        const pages = await pageThrough((after) => read(first, after));
        expect({ name, first, sizes: pages.map((page) => page.length) }).toEqual({
          name,
          first,
          sizes: Array.from({ length: Math.ceil(total / first) }, (_, i) => Math.min(first, total - i * first)),
        });
      }
    }
  });

  it('answers through the schema with nodes and pageInfo, and a bad cursor with a clear error', async () => {
    const run = (source: string) => graphql({ schema, source, contextValue: contextFor(store, admin) });
    const first = await run('{ products(search: "product", first: 2) { nodes { code } pageInfo { hasNextPage endCursor } } }');
    const page = (first.data as any).products;
    expect(page.nodes).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await run(
      `{ products(search: "product", first: 2, after: "${page.pageInfo.endCursor}") { nodes { code } pageInfo { hasNextPage } } }`,
    );
    const codes = [...page.nodes, ...(next.data as any).products.nodes].map((node: { code: string }) => node.code).sort();
    expect(codes).toEqual(['BEANS2', 'HOE1', 'RICE5']);
    const bad = await run('{ products(search: "product", after: "eyJsaXN0Ijo5fQ") { nodes { code } } }');
    expect(bad.errors?.[0]?.message).toBe('after: is not a cursor of this list');
  });
});
