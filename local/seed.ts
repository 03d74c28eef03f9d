import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RequestContext } from '../core/access/index.js';
import { findServiceCenter, type Shop, shopsOwnedBy } from '../core/catalogue/index.js';
import { getItem, keys, type Store } from '../core/db/index.js';
import { setLanguage } from '../core/members/index.js';
import { reportPrice } from '../core/prices/index.js';
import { must, type SampleProduct, type SampleVillage, seedVillage } from './sample-data.js';

export const DEMO_PHONES = {
  partner: '+255754100001',
  seller: '+255754100002',
  secondSeller: '+255754100003',
  buyer: '+255754100010',
  /** Of the second village, Kilema, whose orders of Mwanga's goods travel a first mile through MWG01. */
  otherPartner: '+255754100004',
  otherBuyer: '+255754100011',
} as const;

export const DEMO_CENTER_CODE = 'MWG01';
export const DEMO_OTHER_CENTER_CODE = 'KLM01';

/** The demo's prices are in Tanzanian shillings, where M-Pesa runs too. */
export const DEMO_CURRENCY = 'TZS';

/** The ids the examples need, which a seeding draws at random. */
export interface DemoIds {
  villageId: string;
  shops: Shop[];
}

const product = (code: string, name: string, unit: string, amount: number, stock: number, commodity: string | null): SampleProduct => ({
  code,
  name,
  unit,
  price: { amount, currency: DEMO_CURRENCY },
  stock,
  commodity,
});

const DEMO_VILLAGE: SampleVillage = {
  name: 'Mwanga',
  households: 420,
  center: { code: DEMO_CENTER_CODE, name: 'Mwanga Service Center', partnerPhone: DEMO_PHONES.partner, commissionBps: 500 },
  shops: [
    {
      name: "Amina's Grains",
      ownerPhone: DEMO_PHONES.seller,
      products: [
        product('RICE5', 'Rice', '5 kg bag', 1_650_000, 40, 'rice'),
        product('BEANS2', 'Red beans', '2 kg bag', 700_000, 25, 'beans'),
        product('MAIZE10', 'Maize flour', '10 kg bag', 1_400_000, 30, 'maize'),
      ],
    },
    {
      name: 'Baraka Farm Supplies',
      ownerPhone: DEMO_PHONES.secondSeller,
      products: [
        product('SEED2', 'Hybrid maize seed', '2 kg pack', 1_800_000, 15, 'maize'),
        product('FERT50', 'DAP fertilizer', '50 kg bag', 9_500_000, 8, null),
        product('HOE1', 'Hand hoe', 'piece', 1_200_000, 12, null),
      ],
    },
  ],
  members: [DEMO_PHONES.buyer],
};

/** A second village with its own center: what its buyers order from Mwanga is dropped off at MWG01 first. */
const OTHER_DEMO_VILLAGE: SampleVillage = {
  name: 'Kilema',
  households: 310,
  center: { code: DEMO_OTHER_CENTER_CODE, name: 'Kilema Service Center', partnerPhone: DEMO_PHONES.otherPartner, commissionBps: 500 },
  shops: [],
  members: [DEMO_PHONES.otherBuyer],
};

/** Typical prices per kg in TZS minor units, around which the month of reports varies. */
const MARKET_PRICES = [
  { commodity: 'maize', base: 85_000 },
  { commodity: 'rice', base: 290_000 },
  { commodity: 'beans', base: 310_000 },
];
const MARKETS = ['Arusha', 'Moshi'];
const DAYS_OF_REPORTS = 30;

/** True once a seeding has finished: its marker is the last item it writes. */
export async function isSeeded(store: Store): Promise<boolean> {
  const seeded = await getItem(store, keys.demoSeed(), { consistent: true });
  return seeded !== null;
}

function adminContext(store: Store, now: Date): RequestContext {
  return { principal: { kind: 'ADMIN' }, store, requestId: 'seed', now: () => now };
}

/** The ids of an earlier seeding, read back through the services, as a restart has no other record of them. */
export async function readDemoIds(store: Store): Promise<DemoIds> {
  const ctx = adminContext(store, new Date());
  const center = await findServiceCenter(ctx, DEMO_CENTER_CODE);
  if (!center) throw new Error(`the table is seeded but has no service center ${DEMO_CENTER_CODE}`);
  const shops = await Promise.all([DEMO_PHONES.seller, DEMO_PHONES.secondSeller].map((phone) => shopsOwnedBy(ctx, phone)));
  return { villageId: center.villageId, shops: shops.flat() };
}

/** Demo data through the same services the API uses. */
export async function seedDemoData(store: Store, now: Date): Promise<DemoIds> {
  const ctx = adminContext(store, now);
  const demo = await seedVillage(ctx, DEMO_VILLAGE);
  await seedVillage(ctx, OTHER_DEMO_VILLAGE);
  // The demo's people have chosen English, the language of the README's examples; any other
  // Tanzanian number is answered in Swahili until it chooses.
  for (const phone of Object.values(DEMO_PHONES))
    must(await setLanguage({ ...ctx, principal: { kind: 'PHONE', phone } }, 'en'), `language of ${phone}`);
  for (let day = DAYS_OF_REPORTS - 1; day >= 0; day--) {
    const at = new Date(now.getTime() - day * 86_400_000);
    const dayCtx = { ...ctx, now: () => at };
    for (const [m, market] of MARKETS.entries()) {
      for (const [c, { commodity, base }] of MARKET_PRICES.entries()) {
        // A repeatable wobble of up to about ±12% around the base price.
        const wobble = (((day * 7 + m * 13 + c * 5) % 25) - 12) / 100;
        const amount = Math.round((base * (1 + wobble)) / 100) * 100;
        must(
          await reportPrice(dayCtx, { commodity, market, unit: 'kg', price: { amount, currency: DEMO_CURRENCY } }),
          `price of ${commodity}`,
        );
      }
    }
  }
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...keys.demoSeed(), seededAt: now.toISOString() } }));
  return { villageId: demo.village.id, shops: demo.shops };
}
