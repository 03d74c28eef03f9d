import { createServiceCenter, createShop, createVillage, upsertProduct } from '../../core/catalogue/catalogue-service.js';
import { BusinessError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { listOutbox } from '../../core/outbox/outbox-repository.js';
import { admin, contextFor } from './test-store.js';

export const PARTNER = '+255754200001';
export const SELLER = '+255754200002';
export const OTHER_SELLER = '+255754200003';
/** The partner of the buyers' center in another village (FAR01), whose orders of Testville's goods go through TST01 first. */
export const FAR_PARTNER = '+255754200004';
export const BUYER = '+255754200010';
export const OTHER_BUYER = '+255754200011';

export function ok<T>(result: T | BusinessError): T {
  if (result instanceof BusinessError) throw new Error(`expected success, got ${result.constructor.name}: ${result.message}`);
  return result;
}

/** A village with a center, two shops and products: RICE5 (stock 10), BEANS2 (stock 5) of one seller, HOE1 of another. */
export async function seedCatalogue(store: Store) {
  const ctx = contextFor(store, admin);
  const village = ok(await createVillage(ctx, { name: 'Testville', households: 20 }));
  const center = ok(
    await createServiceCenter(ctx, {
      code: 'TST01',
      name: 'Test Center',
      villageId: village.id,
      partnerPhone: PARTNER,
      commissionBps: 500,
    }),
  );
  const shop = ok(await createShop(ctx, { name: 'Grain Shop', ownerPhone: SELLER, villageId: village.id }));
  const otherShop = ok(await createShop(ctx, { name: 'Tool Shop', ownerPhone: OTHER_SELLER, villageId: village.id }));
  const product = (code: string, shopId: string, amount: number, stock: number, commodity: string | null) =>
    upsertProduct(ctx, { code, shopId, name: `Product ${code}`, unit: 'bag', price: { amount, currency: 'TZS' }, stock, commodity });
  ok(await product('RICE5', shop.id, 1_650_000, 10, 'rice'));
  ok(await product('BEANS2', shop.id, 700_000, 5, 'beans'));
  ok(await product('HOE1', otherShop.id, 1_200_000, 3, null));
  return { village, center, shop, otherShop };
}

/** A second village with its own center, FAR01: its buyers' orders of Testville's goods travel a first mile through TST01. */
export async function seedFarVillage(store: Store) {
  const ctx = contextFor(store, admin);
  const village = ok(await createVillage(ctx, { name: 'Farville', households: 30 }));
  const center = ok(
    await createServiceCenter(ctx, {
      code: 'FAR01',
      name: 'Far Center',
      villageId: village.id,
      partnerPhone: FAR_PARTNER,
      commissionBps: 400,
    }),
  );
  return { village, center };
}

/** The newest pickup code the buyer's SMS has for an order (the outbox keeps it until the SMS is sent). */
export async function pickupCodeOf(store: Store, orderCode: string): Promise<string> {
  const message = (await listOutbox(store, BUYER, { first: 20, after: null }))!.items.find(
    (m) => m.notification.kind === 'PICKUP_CODE' && m.notification.orderCode === orderCode,
  );
  return (message!.notification as { pickupCode: string }).pickupCode;
}
