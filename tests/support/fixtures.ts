import { BusinessError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { type SampleProduct, type SampleVillage, seedVillage } from '../../local/sample-data.js';
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

const product = (code: string, amount: number, stock: number, commodity: string | null): SampleProduct => ({
  code,
  name: `Product ${code}`,
  unit: 'bag',
  price: { amount, currency: 'TZS' },
  stock,
  commodity,
});

const TESTVILLE: SampleVillage = {
  name: 'Testville',
  households: 20,
  center: { code: 'TST01', name: 'Test Center', partnerPhone: PARTNER, commissionBps: 500 },
  shops: [
    { name: 'Grain Shop', ownerPhone: SELLER, products: [product('RICE5', 1_650_000, 10, 'rice'), product('BEANS2', 700_000, 5, 'beans')] },
    { name: 'Tool Shop', ownerPhone: OTHER_SELLER, products: [product('HOE1', 1_200_000, 3, null)] },
  ],
  members: [],
};

const FARVILLE: SampleVillage = {
  name: 'Farville',
  households: 30,
  center: { code: 'FAR01', name: 'Far Center', partnerPhone: FAR_PARTNER, commissionBps: 400 },
  shops: [],
  members: [],
};

/** A village with a center, two shops and products: RICE5 (stock 10), BEANS2 (stock 5) of one seller, HOE1 of another. */
export async function seedCatalogue(store: Store) {
  const { village, center, shops } = await seedVillage(contextFor(store, admin), TESTVILLE);
  return { village, center, shop: shops[0]!, otherShop: shops[1]! };
}

/** A second village with its own center, FAR01: its buyers' orders of Testville's goods travel a first mile through TST01. */
export async function seedFarVillage(store: Store) {
  const { village, center } = await seedVillage(contextFor(store, admin), FARVILLE);
  return { village, center };
}
