import { beforeAll, expect, it } from 'vitest';
import { handleInboundSms } from '../../channels/sms/sms-inbound.js';
import { listKeys } from '../../core/db/keys.js';
import { listCondition, queryAll } from '../../core/db/query.js';
import type { Store } from '../../core/db/store.js';
import { partnerStatement } from '../../core/delivery/delivery-service.js';
import type { CenterLedgerEntry } from '../../core/payments/center-ledger.js';
import { listSellerLedgerBetween } from '../../core/payments/payout-repository.js';
import { sellerStatement } from '../../core/payments/payout-service.js';
import { BUYER, FAR_PARTNER, ok, PARTNER, SELLER, seedCatalogue, seedFarVillage } from '../support/fixtures.js';
import { pickupCodeOf } from '../support/notifications.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let sid = 0;
const text = async (from: string, body: string) =>
  (await handleInboundSms(store, { from, body, messageSid: `SMjourney${++sid}` }, 'test', new Date())) ?? '';
const EVER = ['2000-01-01', '2100-01-01'] as const;

beforeAll(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
  await seedFarVillage(store);
});

it("sells a farmer's maize from Testville to a buyer at Farville's center entirely by SMS, and every book agrees to the minor unit", async () => {
  // The seller lists; a buyer in the other village joins their own center and finds it.
  expect(await text(SELLER, 'SELL MAIZE9 900 50 Maize')).toBe('MAIZE9 Maize: TZS 900, stock 50.');
  expect(await text(BUYER, 'JOIN FAR01')).toMatch(/^You joined Far Center \(FAR01\)/);
  const found = await text(BUYER, 'FIND maize');
  const productCode = /(MAIZE9\.\w+)/.exec(found)![1]!;

  const ordered = await text(BUYER, `ORDER 3 ${productCode}`);
  expect(ordered).toMatch(/^Order \w{6}: TZS 2,700\. Pick up at Far Center\./);
  const code = ordered.slice(6, 12);

  // The seller accepts and is told where to drop it off; shipping it directly is refused with the same advice.
  expect(await text(SELLER, `ACCEPT ${code}`)).toBe(`Order ${code} accepted. Drop it off at Test Center; the center sends it on.`);
  expect(await text(SELLER, `SHIP ${code}`)).toBe(`Order ${code} goes through Test Center: drop it off there, and the center sends it on.`);

  // Testville's partner sees it among their tasks, receives it, and sends it on.
  expect(await text(PARTNER, 'TASKS')).toBe(`Center: ${code} accepted TZS 2,700`);
  expect(await text(PARTNER, `RECEIVED ${code}`)).toBe(`Order ${code} received. Send SHIP ${code} when it leaves for the buyer's center.`);
  expect(await text(PARTNER, `SHIP ${code}`)).toBe(`Order ${code} is on its way to Far Center.`);

  // Farville's partner checks it in; the buyer's SMS carries the pickup code; the handover takes the cash.
  expect(await text(FAR_PARTNER, 'TASKS')).toBe(`Center: ${code} shipped TZS 2,700`);
  expect(await text(FAR_PARTNER, `ARRIVED ${code}`)).toBe(`Order ${code} is at the center. The buyer got a pickup code.`);
  const pickupCode = await pickupCodeOf(store, code);
  expect(await text(FAR_PARTNER, `DELIVERED ${code} ${pickupCode}`)).toBe(`Order ${code} handed over. Collect TZS 2,700 in cash.`);

  // 400 bps of TZS 2,700 is TZS 108, half of it to each partner; the seller's TZS 2,592 is in Farville's till.
  expect(await text(FAR_PARTNER, 'PAYOUT 0754200002 3000')).toBe('Only TZS 2,592 is owed to +255754200002. Nothing was recorded.');
  expect(await text(FAR_PARTNER, 'PAYOUT 0754200002 2000')).toBe('Paid TZS 2,000 to +255754200002. Still owed to them: TZS 592.');

  const far = ok(await partnerStatement(contextFor(store, phone(FAR_PARTNER)), ...EVER));
  const collecting = ok(await partnerStatement(contextFor(store, phone(PARTNER)), ...EVER));
  const seller = ok(await sellerStatement(contextFor(store, phone(SELLER)), { from: EVER[0], to: EVER[1] }));
  expect(far).toMatchObject({
    ordersHandled: 1,
    commission: 5_400,
    cashCollected: 270_000,
    owedToSellers: 259_200,
    paidToSellers: 200_000,
  });
  expect(collecting).toMatchObject({ ordersCollected: 1, commission: 5_400, cashCollected: 0 });
  expect(seller).toMatchObject({ ordersSold: 1, sales: 270_000, commission: 10_800, proceeds: 259_200, paid: 200_000 });

  // The statements agree with each other and with the ledgers, to the minor unit.
  const ledger = async (centerId: string) => queryAll<CenterLedgerEntry>(store, listCondition(listKeys.centerLedger(centerId)));
  const sellerLedger = await listSellerLedgerBetween(store, SELLER, ...EVER);
  const all = [...(await ledger('FAR01')), ...(await ledger('TST01'))];
  const sum = <T>(lines: T[], pick: (line: T) => number | undefined) => lines.reduce((total, line) => total + (pick(line) ?? 0), 0);
  expect(far.commission + collecting.commission).toBe(seller.commission);
  expect(sum(all, (line) => line.commission)).toBe(seller.commission);
  expect(sum(sellerLedger, (line) => line.proceeds)).toBe(far.owedToSellers);
  expect(far.cashCollected).toBe(far.owedToSellers + far.commission + far.owedToCenters);
  expect(far.cashToHandOver).toBe(seller.proceeds - seller.paid);
  expect(seller.owedByCenters).toEqual([{ centerId: 'FAR01', sellerPhone: SELLER, owed: 59_200, currency: 'TZS' }]);
});
