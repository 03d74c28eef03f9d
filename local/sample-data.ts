// Sample data written through the same services the API uses: npm start's demo (local/seed.ts),
// the tests' fixtures and the benchmarks describe their villages here and seed them with seedVillage.
import type { RequestContext } from '../core/access/index.js';
import {
  createServiceCenter,
  createShop,
  createVillage,
  type Product,
  type ServiceCenter,
  type Shop,
  upsertProduct,
  type Village,
} from '../core/catalogue/index.js';
import { BusinessError } from '../core/common/index.js';
import { joinServiceCenter } from '../core/members/index.js';

export type SampleProduct = Pick<Product, 'code' | 'name' | 'unit' | 'price' | 'stock' | 'commodity'>;

export interface SampleShop {
  name: string;
  ownerPhone: string;
  products: SampleProduct[];
}

export interface SampleVillage {
  name: string;
  households: number;
  center: { code: string; name: string; partnerPhone: string; commissionBps: number };
  shops: SampleShop[];
  /** Phones that join the village's center, as buyers do by SMS JOIN. */
  members: string[];
}

export interface SeededVillage {
  village: Village;
  center: ServiceCenter;
  /** In the order of the sample's shops. */
  shops: Shop[];
}

/** The service's result: sample data that a service refuses is a mistake in the sample, and fails the seeding. */
export function must<T>(result: T | BusinessError, what: string): T {
  if (result instanceof BusinessError) throw new Error(`sample ${what}: ${result.constructor.name}: ${result.message}`);
  return result;
}

/** One village with its center, its shops, their products and its members, in that order. */
export async function seedVillage(ctx: RequestContext, sample: SampleVillage): Promise<SeededVillage> {
  const village = must(await createVillage(ctx, { name: sample.name, households: sample.households }), `village ${sample.name}`);
  const center = must(await createServiceCenter(ctx, { ...sample.center, villageId: village.id }), `center ${sample.center.code}`);
  const shops: Shop[] = [];
  for (const { name, ownerPhone } of sample.shops) {
    shops.push(must(await createShop(ctx, { name, ownerPhone, villageId: village.id }), `shop ${name}`));
  }
  for (const [s, { products }] of sample.shops.entries()) {
    for (const product of products) must(await upsertProduct(ctx, { ...product, shopId: shops[s]!.id }), `product ${product.code}`);
  }
  for (const phone of sample.members) {
    must(await joinServiceCenter({ ...ctx, principal: { kind: 'PHONE', phone } }, center.id), `member ${phone}`);
  }
  return { village, center, shops };
}
