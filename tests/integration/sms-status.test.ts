import { beforeEach, describe, expect, it } from 'vitest';
import { handleInboundSms } from '../../channels/sms/sms-inbound.js';
import type { Store } from '../../core/db/store.js';
import { joinServiceCenter } from '../../core/members/member-service.js';
import { acceptOrder, placeOrder, shipOrder } from '../../core/orders/order-service.js';
import { recordPayment } from '../../core/payments/payment-service.js';
import { BUYER, ok, PARTNER, SELLER, seedCatalogue } from '../support/fixtures.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let sid = 0;
const as = (number: string) => contextFor(store, phone(number));
const text = (from: string, body: string) => handleInboundSms(store, { from, body, messageSid: `SMstatus${++sid}` }, 'test', new Date());

beforeEach(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
  ok(await joinServiceCenter(as(BUYER), 'TST01'));
});

/** An order of 3 RICE5 (TZS 49,500), paid in cash to the partner. */
async function paidOrder(): Promise<string> {
  const input = { serviceCenterId: 'TST01', lines: [{ productCode: 'RICE5', quantity: 3 }], paymentMethod: 'CASH' as const };
  const order = ok(await placeOrder(as(BUYER), { ...input, idempotencyKey: `k-${++sid}` }));
  ok(await recordPayment(as(PARTNER), { orderCode: order.code, method: 'CASH', amount: order.total, reference: `RCPT-${order.code}` }));
  return order.code;
}

describe('SMS STATUS', () => {
  it('says a shipped order that was refunded is refunded, alone and in the list', async () => {
    const code = await paidOrder();
    ok(await acceptOrder(as(SELLER), code));
    ok(await shipOrder(as(SELLER), code));
    expect(await text(BUYER, `STATUS ${code}`)).toBe(`Order ${code}: shipped, TZS 49,500, paid. Pickup: Test Center`);
    expect(await text(BUYER, 'STATUS')).toBe(`Your orders: ${code} shipped TZS 49,500`);

    expect(await text(PARTNER, `REFUND ${code} R1023`)).toBe(`Order ${code}: TZS 49,500 refunded. The buyer and the seller are told.`);
    expect(await text(BUYER, `STATUS ${code}`)).toBe(`Order ${code}: shipped, TZS 49,500 refunded.`);
    expect(await text(BUYER, 'STATUS')).toBe(`Your orders: ${code} shipped, TZS 49,500 refunded`);
    expect(await text(BUYER, 'LANG sw')).toBe('Majibu sasa ni kwa Kiswahili.');
    expect(await text(BUYER, `HALI ${code}`)).toBe(`Oda ${code}: imetumwa, TZS 49,500 zimerudishwa.`);
  });

  it('says an order refunded before it shipped is cancelled and refunded, beside one that was not', async () => {
    const refunded = await paidOrder();
    const open = await paidOrder();
    ok(await text(PARTNER, `REFUND ${refunded} R1024`));
    expect(await text(BUYER, `STATUS ${refunded}`)).toBe(`Order ${refunded}: cancelled, TZS 49,500 refunded.`);
    expect(await text(BUYER, 'STATUS')).toBe(`Your orders: ${open} placed TZS 49,500; ${refunded} cancelled, TZS 49,500 refunded`);
  });
});
